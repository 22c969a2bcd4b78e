package app

import (
	"fmt"
	"time"
)

// The demo's fourteen incidents that tell a story: the intrusions, the
// parent who escalates, the video online, and every procedure's path.

const (
	demoSchool    = "Lycée agricole Jean-Monnet"
	demoAuthority = "DRAAF Hauts-de-France"
)

func demoStory(now time.Time) []demoItem {
	c := demoClock{now}
	return append(demoIntrusions(c), append(demoParent(c), demoLater(c)...)...)
}

// demoIntrusions: two intrusions in a remote class, and the video of the
// second posted online.
func demoIntrusions(c demoClock) []demoItem {
	t1, t2, t3 := c.school(298, 10, 5), c.school(296, 14, 0), c.at(280, 19, 40)
	gap := DateOf(t1).DaysUntil(DateOf(t2))
	return []demoItem{
		{in: &Incident{
			OccurredAt: t1, Setting: "remote_home", Place: "Classe virtuelle, 1re STAV",
			Workplace: demoSchool, Authority: demoAuthority, Activity: "Cours d’agronomie à distance",
			Kinds: []string{"video_intrusion", "insult"}, Channels: []string{"video_call"}, Diffusion: "restricted",
			Description: "Vers 10 h, trois personnes inconnues sont entrées dans la visioconférence avec des pseudonymes. " +
				"Elles ont coupé la parole, diffusé de la musique et écrit des insultes dans la discussion. " +
				"J’ai exclu les intrus puis mis fin au cours au bout de cinq minutes.",
			ExactWords:  "« T’es nul, rends l’argent » ; « on va revenir demain »",
			VideoCall:   &VideoCall{Platform: "Zoom", MeetingID: "834 221 907", PublicLink: true, Intruders: []string{"xXdarkXx", "Le_Boss_62", "Anonyme"}},
			Perpetrator: "outsider", PerpetratorRef: "Intrus I1", PerpetratorCount: 3,
			Witnesses:    []Witness{{Role: "élèves de 1re STAV (22 connectés)", Pseudonym: "Classe 1re STAV"}},
			Consequences: "Choc, difficulté à reprendre le cours l’après-midi.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: DateOf(t1), Status: "done", Note: "Courriel au proviseur adjoint le jour même."},
				{Kind: "union", Date: on(t1, 1), Status: "done", Note: "Appel à la représentante du personnel."},
			},
		}},
		{in: &Incident{
			OccurredAt: t2, Setting: "remote_home", Place: "Classe virtuelle, 1re STAV",
			Workplace: demoSchool, Authority: demoAuthority, Activity: "Cours de biologie à distance",
			Kinds: []string{"video_intrusion", "threat", "discrimination"}, Channels: []string{"video_call"}, Diffusion: "restricted",
			Description: "Nouvelle intrusion, " + daysAfter(gap) + ", sur le même lien. Un élève, Lucas, a reconnu avoir transmis le code de la réunion à un « youtubeur ». " +
				"Les intrus ont tenu des propos sexistes et menacé de « retrouver mon adresse ».",
			ExactWords:  "« On sait où tu habites, fais gaffe » ; propos sexistes répétés",
			VideoCall:   &VideoCall{Platform: "Zoom", MeetingID: "834 221 907", PublicLink: true, Intruders: []string{"Le_Boss_62", "Kamikaz"}},
			Perpetrator: "outsider", PerpetratorRef: "Intrus I1", PerpetratorCount: 2,
			Witnesses:    []Witness{{Role: "élèves de 1re STAV", Pseudonym: "Classe 1re STAV"}, {Role: "élève", Pseudonym: "Élève A"}},
			Consequences: "Peur d’être reconnue dehors, sommeil perturbé pendant une semaine.",
			WorkImpact:   "Arrêt des cours en visioconférence hors ENT ; cours envoyés par écrit.",
			MedicalNote:  "Consultation du médecin traitant le lendemain ; certificat initial délivré.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: DateOf(t2), Status: "done"},
				{Kind: "rsst", Date: after(t2, 1), Reference: fmt.Sprintf("RSST n° %d-014", after(t2, 1).Year), Status: "answered", AnswerDate: after(t2, 15),
					Answer: "Visa du directeur ; rappel aux élèves des règles d’usage."},
				{Kind: "complaint", Date: after(t2, 6), Reference: fmt.Sprintf("PV %d/00412", after(t2, 6).Year), Status: "awaiting_answer",
					Note: "Plainte contre X au commissariat, avec l’appui de la direction."},
			},
		}, evidence: []demoEvidence{
			{name: "capture-discussion-visio.png", lines: []string{"Discussion de la reunion", "", "Le_Boss_62 : on sait ou tu habites", "Kamikaz : fais gaffe", "Le_Boss_62 : (message supprime)", "", "10:14  3 participants exclus"}},
		}},
		{in: &Incident{
			OccurredAt: t3, Setting: "online", DiscoveredOn: on(t3, 1), Workplace: demoSchool, Authority: demoAuthority, TargetsJob: true,
			Kinds: []string{"image_spread", "insult", "cyberharassment"}, Channels: []string{"social_network"}, Diffusion: "public",
			Description: "Une collègue m’a signalé une vidéo publiée sur un réseau social, montrant l’intrusion du cours de biologie. " +
				"Mon visage et mon nom sont visibles. La vidéo cumulait 48 000 vues le lendemain, avec des commentaires insultants.",
			ExactWords:  "Titre : « Prof en PLS en visio » ; commentaires : « quelle nulle », « elle mérite »",
			Perpetrator: "outsider", PerpetratorRef: "Intrus I1",
			Witnesses:    []Witness{{Role: "collègue", Pseudonym: "Collègue C1"}},
			Consequences: "Honte, peur d’être reconnue dans la rue ; je n’ose plus ouvrir les réseaux sociaux.",
			Actions: []Action{
				{Kind: "online_report", Date: on(t3, 1), Reference: "Signalement PHAROS", Status: "done"},
				{Kind: "takedown_request", Date: on(t3, 1), Status: "answered", AnswerDate: on(t3, 8), Answer: "Vidéo retirée par la plateforme."},
				{Kind: "complaint", Date: after(t3, 5), Reference: fmt.Sprintf("Complément à la plainte PV %d/00412", after(t3, 5).Year), Status: "awaiting_answer"},
			},
		}, evidence: []demoEvidence{
			{url: "https://video.example.net/watch/prof-en-pls-visio", note: "Vue le lendemain : 48 000 vues, 300 commentaires. Capture faite avant le retrait."},
			{name: "capture-video-publiee.png", video: true, lines: []string{"Prof en PLS en visio", "48 k vues - il y a 1 jour"}},
		}},
	}
}

// demoParent: a parent who contests grades, insults, threatens, waits at
// the gate; the protection is asked for and granted.
func demoParent(c demoClock) []demoItem {
	t4, t5, t6, t7 := c.at(262, 18, 20), c.school(240, 7, 55), c.school(212, 12, 30), c.at(190, 21, 10)
	return []demoItem{
		{in: &Incident{
			OccurredAt: t4, Setting: "remote_home", Workplace: demoSchool, Dispute: "une note de contrôle continu",
			Kinds: []string{"insult", "intimidation"}, Channels: []string{"phone"}, Diffusion: "private",
			Description: "Appel sur mon téléphone personnel (numéro transmis par un élève). Mme Lemaire, mère d’une élève, conteste une note de contrôle continu et crie pendant plusieurs minutes.",
			ExactWords:  "« Vous êtes une incompétente, vous allez voir avec le rectorat »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Appel reçu le soir, à la maison : sentiment d’intrusion dans ma vie privée.",
			Actions:      []Action{{Kind: "hierarchy_alert", Date: after(t4, 1), Status: "done", Note: "Information de la CPE et du proviseur adjoint."}},
		}},
		{in: &Incident{
			OccurredAt: t5, Setting: "online", Workplace: demoSchool, Dispute: "les moyennes du trimestre",
			Kinds: []string{"insult", "threat"}, Channels: []string{"school_messaging"}, Diffusion: "private",
			Description: "Message Pronote reçu avant 8 h, après la publication des moyennes du trimestre. Menace de « venir régler ça au lycée ».",
			ExactWords:  "« Si ma fille redouble à cause de vous, je viendrai régler ça au lycée, et pas gentiment »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Angoisse à l’arrivée au lycée pendant plusieurs jours.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: DateOf(t5), Status: "done"},
				{Kind: "rsst", Date: after(t5, 1), Reference: fmt.Sprintf("RSST n° %d-031", after(t5, 1).Year), Status: "awaiting_answer"},
			},
		}, evidence: []demoEvidence{
			{name: "message-pronote-menace.png", lines: []string{"Pronote - Messagerie", "De : Responsable de l'eleve", "Objet : Moyenne du trimestre", "", "Si ma fille redouble a cause de vous,", "je viendrai regler ca au lycee,", "et pas gentiment."}},
		}},
		{in: &Incident{
			OccurredAt: t6, Setting: "surroundings", Place: "Devant le portail", Workplace: demoSchool,
			Kinds: []string{"outrage", "intimidation"}, Channels: []string{"in_person"},
			Description: "À la sortie de midi, le même parent m’attendait devant le portail et m’a suivie sur quelques mètres en me reprochant les notes de sa fille, à voix haute devant des élèves.",
			ExactWords:  "« On se reverra, vous ne vous en tirerez pas comme ça »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Witnesses:    []Witness{{Role: "assistant d’éducation", Pseudonym: "AED B", Contact: "joignable par la vie scolaire"}, {Role: "élèves de 2de"}},
			Consequences: "Peur de sortir seule du lycée ; je me fais accompagner le midi.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: DateOf(t6), Status: "done"},
				{Kind: "school_report", Date: after(t6, 1), Status: "done", Note: "Signalement de l’agression à la direction, transmis au ministère."},
				{Kind: "functional_protection", Date: after(t6, 7), ReceivedOn: after(t6, 9), Reference: "Courrier recommandé 1A 123 456 7890 1",
					Status: "answered", AnswerDate: after(t6, 42), Answer: "Protection accordée : prise en charge des frais d’avocat."},
			},
		}, amend: func(in *Incident) {
			in.Description += " Elle est repartie quand l’AED s’est approché."
		}},
		{in: &Incident{
			OccurredAt: t7, Setting: "online", Workplace: demoSchool,
			Kinds: []string{"insult"}, Channels: []string{"email"}, Diffusion: "private",
			Description: "Courriel reçu sur mon adresse académique, le soir, au sujet d’une sortie scolaire annulée.",
			ExactWords:  "« Encore une prof qui ne sert à rien »",
			Perpetrator: "parent", PerpetratorRef: "Parent P2",
			Consequences: "Découragement.",
		}},
	}
}

// demoLater: a pupil in a practical class, the parent again (the
// request for protection unanswered, sick leave, a complaint), a blocked
// intrusion, a public defamation, a threatening meeting declared as an
// accident, an evening text, a pupil filming the class.
func demoLater(c demoClock) []demoItem {
	t8, t9, t10 := c.school(160, 15, 45), c.school(120, 8, 15), c.school(95, 11, 0)
	return append([]demoItem{
		{in: &Incident{
			OccurredAt: t8, Setting: "workshop", Place: "Salle de TP B12", Workplace: demoSchool, Activity: "Travaux pratiques de biologie",
			Kinds: []string{"insult", "intimidation"}, Channels: []string{"in_person"},
			Description: "Pendant un TP, Nathan a refusé de ranger son téléphone, m’a insultée puis a renversé une chaise en sortant de la salle.",
			ExactWords:  "« Ferme-la »",
			Perpetrator: "pupil", PerpetratorRef: "Élève B",
			Witnesses:    []Witness{{Role: "élèves de 2de B"}, {Role: "collègue de la salle voisine", Pseudonym: "Collègue C2"}},
			Consequences: "Tension dans la classe les semaines suivantes.",
			Actions: []Action{
				{Kind: "report", Date: DateOf(t8), Status: "done", Note: "Rapport d’incident à la vie scolaire."},
				{Kind: "rsst", Date: after(t8, 1), Reference: fmt.Sprintf("RSST n° %d-047", after(t8, 1).Year), Status: "answered", AnswerDate: after(t8, 9),
					Answer: "Conseil de discipline réuni ; exclusion temporaire."},
			},
		}},
		{in: &Incident{
			OccurredAt: t9, Setting: "online", Workplace: demoSchool,
			Kinds: []string{"threat", "harassment"}, Channels: []string{"school_messaging", "phone"}, Diffusion: "private",
			Description: "Quatrième message du même parent en trois mois, puis deux appels au standard du lycée en demandant mon emploi du temps. Le standard a refusé de le donner.",
			ExactWords:  "« Je sais quand vous finissez le " + weekday(t9.AddDate(0, 0, 2)) + " »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Witnesses:    []Witness{{Role: "agent d’accueil", Pseudonym: "Accueil"}},
			Consequences: "Anxiété forte, difficultés de sommeil.",
			WorkImpact:   "Trois jours d’arrêt de travail.",
			MedicalNote:  "Arrêt de travail de 3 jours ; suivi psychologique proposé par le médecin.",
			Actions: []Action{
				{Kind: "sick_leave", Date: DateOf(t9), Until: on(t9, 2), Status: "done"},
				{Kind: "complaint", Date: after(t9, 2), Reference: fmt.Sprintf("PV %d/00077", after(t9, 2).Year), Status: "awaiting_answer"},
				{Kind: "functional_protection", Date: after(t9, 40), ReceivedOn: after(t9, 42), Reference: "Demande au directeur régional, en recommandé", Status: "awaiting_answer"},
				{Kind: "occupational_doctor", Date: after(t9, 20), Status: "planned"},
			},
		}, evidence: []demoEvidence{
			{name: "journal-appels-standard.png", lines: []string{"Journal des appels - standard", "", "08:02  appel entrant  2 min", "08:31  appel entrant  4 min", "", "Demande : emploi du temps de", "l'enseignante (refuse)"}},
		}},
		{in: &Incident{
			OccurredAt: t10, Setting: "remote_home", Place: "Classe virtuelle CNED", Workplace: demoSchool, Activity: "Classe virtuelle de soutien",
			Kinds: []string{"video_intrusion"}, Channels: []string{"video_call"}, Diffusion: "restricted",
			Description: "Tentative d’intrusion pendant une classe virtuelle : la salle d’attente a bloqué deux comptes inconnus. Le lien circulait sur un groupe de messagerie d’élèves.",
			VideoCall:   &VideoCall{Platform: "Classe virtuelle du CNED", PublicLink: true, WaitingRoom: true, Intruders: []string{"invite_123", "PasUnProf"}},
			Perpetrator: "outsider", PerpetratorRef: "Intrus I2", PerpetratorCount: 2,
			Consequences: "Pas d’intrusion grâce à la salle d’attente, mais inquiétude.",
			Actions:      []Action{{Kind: "hierarchy_alert", Date: DateOf(t10), Status: "done"}},
		}},
	}, demoRecent(c)...)
}

// daysAfter says when the second intrusion came, after the first one.
func daysAfter(gap int) string {
	switch gap {
	case 0:
		return "le même jour que la première"
	case 1:
		return "le lendemain de la première"
	}
	return fmt.Sprintf("%d jours après la première", gap)
}
