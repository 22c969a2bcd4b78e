package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// The demo journal: a lived-in journal for screenshots, manual trials and
// the report's examples. The incidents are invented but shaped on what
// the seeds tell: intrusions in remote classes after pupils passed the
// link on, parents insulting or threatening by phone, Pronote or e-mail, a
// video posted on a social network, repeat perpetrators known by
// pseudonym, steps taken and administrations that do not answer.

// DemoPassphrase is the passphrase of the vaults made by `temoin demo`.
const DemoPassphrase = "demo-temoin-2026"

// demoEvidence is a piece of evidence of a demo incident: a link, or a
// small picture drawn on the spot (a screenshot of a message).
type demoEvidence struct {
	url, note string
	name      string
	lines     []string // the picture's text, one line each
	video     bool     // draw a video frame rather than a message
}

type demoItem struct {
	in       *Incident
	evidence []demoEvidence
	amend    func(*Incident) // a later correction, saved as revision 2
}

// FillDemo writes the demo incidents into an empty journal, as if they
// had been written over the last ten months before now. It returns how
// many incidents it wrote.
func FillDemo(ctx context.Context, j *Journal, now time.Time) (int, error) {
	people := []Person{
		{Name: "Mme Lemaire", Pseudonym: "Parent P1", Role: "parent"},
		{Name: "M. Garnier", Pseudonym: "Parent P2", Role: "parent"},
		{Name: "Lucas B.", Pseudonym: "Élève A", Role: "élève"},
		{Name: "Mme Roussel", Pseudonym: "Collègue C1", Role: "collègue"},
	}
	for _, p := range people {
		if err := j.People.Add(p); err != nil {
			return 0, err
		}
	}
	items := demoItems(now)
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		created, err := j.Incidents.Create(it.in)
		if err != nil {
			return i, fmt.Errorf("demo incident %d: %w", i+1, err)
		}
		for _, ev := range it.evidence {
			if ev.url != "" {
				if _, err := j.Evidence.AttachLink(created.ID, ev.url, DateOf(created.OccurredAt), ev.note); err != nil {
					return i, err
				}
				continue
			}
			pic, err := demoPicture(ev.lines, ev.video)
			if err != nil {
				return i, err
			}
			if _, err := j.Evidence.AttachFile(ctx, created.ID, ev.name, bytes.NewReader(pic), nil); err != nil {
				return i, err
			}
		}
		if it.amend != nil {
			c, err := j.Incidents.Get(created.ID)
			if err != nil {
				return i, err
			}
			it.amend(c)
			if _, err := j.Incidents.Amend(created.ID, c); err != nil {
				return i, err
			}
		}
	}
	return len(items), nil
}

func demoItems(now time.Time) []demoItem {
	loc := now.Location()
	at := func(daysAgo, hour, minute int) time.Time {
		d := now.AddDate(0, 0, -daysAgo)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc)
	}
	day := func(daysAgo int) Date { return DateOf(now.AddDate(0, 0, -daysAgo)) }
	const school = "Lycée agricole Jean-Monnet"
	const authority = "DRAAF Hauts-de-France"

	return []demoItem{
		{in: &Incident{
			OccurredAt: at(298, 10, 5), Setting: "remote_home", Place: "Classe virtuelle, 1re STAV",
			Workplace: school, Authority: authority, Activity: "Cours d’agronomie à distance",
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
				{Kind: "hierarchy_alert", Date: day(298), Status: "done", Note: "Courriel au proviseur adjoint le jour même."},
				{Kind: "union", Date: day(297), Status: "done", Note: "Appel à la représentante F3SCT."},
			},
		}},
		{in: &Incident{
			OccurredAt: at(296, 14, 0), Setting: "remote_home", Place: "Classe virtuelle, 1re STAV",
			Workplace: school, Authority: authority, Activity: "Cours de biologie à distance",
			Kinds: []string{"video_intrusion", "threat", "discrimination"}, Channels: []string{"video_call"}, Diffusion: "restricted",
			Description: "Nouvelle intrusion, deux jours après la première, sur le même lien. Un élève a reconnu avoir transmis le code de la réunion à un « youtubeur ». " +
				"Les intrus ont tenu des propos sexistes et menacé de « retrouver mon adresse ».",
			ExactWords:  "« On sait où tu habites, fais gaffe » ; propos sexistes répétés",
			VideoCall:   &VideoCall{Platform: "Zoom", MeetingID: "834 221 907", PublicLink: true, Intruders: []string{"Le_Boss_62", "Kamikaz"}},
			Perpetrator: "outsider", PerpetratorRef: "Intrus I1", PerpetratorCount: 2,
			Witnesses:    []Witness{{Role: "élèves de 1re STAV", Pseudonym: "Classe 1re STAV"}, {Role: "élève", Pseudonym: "Élève A"}},
			Consequences: "Peur d’être reconnue dehors, sommeil perturbé pendant une semaine.",
			WorkImpact:   "Arrêt des cours en visioconférence hors ENT ; cours envoyés par écrit.",
			MedicalNote:  "Consultation du médecin traitant le lendemain ; certificat initial délivré.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(296), Status: "done"},
				{Kind: "rsst", Date: day(295), Reference: "RSST n° 2025-14", Status: "answered", AnswerDate: day(281), Answer: "Visa du chef d’établissement ; rappel aux élèves des règles d’usage."},
				{Kind: "complaint", Date: day(290), Reference: "PV 2025/00412", Status: "awaiting_answer", Note: "Plainte contre X au commissariat, avec l’appui de la direction."},
			},
		}, evidence: []demoEvidence{
			{name: "capture-discussion-visio.png", lines: []string{"Discussion de la reunion", "", "Le_Boss_62 : on sait ou tu habites", "Kamikaz : fais gaffe", "Le_Boss_62 : (message supprime)", "", "10:14  3 participants exclus"}},
		}},
		{in: &Incident{
			OccurredAt: at(280, 19, 40), TimeUnknown: false, Setting: "online", DiscoveredOn: day(279),
			Workplace: school, Authority: authority,
			Kinds: []string{"image_spread", "insult", "cyberharassment"}, Channels: []string{"social_network"}, Diffusion: "public",
			Description: "Une collègue m’a signalé une vidéo publiée sur un réseau social, montrant l’intrusion du cours de biologie. " +
				"Mon visage et mon nom sont visibles. La vidéo cumulait 48 000 vues le lendemain, avec des commentaires insultants.",
			ExactWords:  "Titre : « Prof en PLS en visio » ; commentaires : « quelle nulle », « elle mérite »",
			Perpetrator: "outsider", PerpetratorRef: "Intrus I1",
			Witnesses:    []Witness{{Role: "collègue", Pseudonym: "Collègue C1"}},
			Consequences: "Honte, peur d’être reconnue dans la rue ; je n’ose plus ouvrir les réseaux sociaux.",
			Actions: []Action{
				{Kind: "online_report", Date: day(279), Reference: "Signalement PNAV", Status: "done"},
				{Kind: "takedown_request", Date: day(279), Status: "answered", AnswerDate: day(272), Answer: "Vidéo retirée par la plateforme."},
				{Kind: "complaint", Date: day(275), Reference: "Complément à la plainte PV 2025/00412", Status: "awaiting_answer"},
			},
		}, evidence: []demoEvidence{
			{url: "https://video.example.net/watch/prof-en-pls-visio", note: "Vue le lendemain : 48 000 vues, 300 commentaires. Capture faite avant le retrait."},
			{name: "capture-video-publiee.png", video: true, lines: []string{"Prof en PLS en visio", "48 k vues - il y a 1 jour"}},
		}},
		{in: &Incident{
			OccurredAt: at(262, 18, 20), Setting: "remote_home", Workplace: school,
			Kinds: []string{"insult", "intimidation"}, Channels: []string{"phone"}, Diffusion: "private",
			Description: "Appel sur mon téléphone personnel (numéro transmis par un élève). Une mère d’élève conteste une note de contrôle continu et crie pendant plusieurs minutes.",
			ExactWords:  "« Vous êtes une incompétente, vous allez voir avec le rectorat »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Appel reçu le soir, à la maison : sentiment d’intrusion dans ma vie privée.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(261), Status: "done", Note: "Information de la CPE et du proviseur adjoint."},
			},
		}},
		{in: &Incident{
			OccurredAt: at(240, 7, 55), Setting: "online", Workplace: school,
			Kinds: []string{"insult", "threat"}, Channels: []string{"school_messaging"}, Diffusion: "private",
			Description: "Message Pronote reçu avant 8 h, après la publication des moyennes du trimestre. Menace de « venir régler ça au lycée ».",
			ExactWords:  "« Si ma fille redouble à cause de vous, je viendrai régler ça au lycée, et pas gentiment »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Angoisse à l’arrivée au lycée pendant plusieurs jours.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(240), Status: "done"},
				{Kind: "rsst", Date: day(239), Reference: "RSST n° 2025-31", Status: "awaiting_answer"},
			},
		}, evidence: []demoEvidence{
			{name: "message-pronote-menace.png", lines: []string{"Pronote - Messagerie", "De : Responsable de l'eleve", "Objet : Moyenne du trimestre", "", "Si ma fille redouble a cause de vous,", "je viendrai regler ca au lycee,", "et pas gentiment."}},
		}},
		{in: &Incident{
			OccurredAt: at(212, 12, 30), Setting: "surroundings", Place: "Devant le portail", Workplace: school,
			Kinds: []string{"outrage", "intimidation"}, Channels: []string{"in_person"},
			Description: "À la sortie de midi, le même parent m’attendait devant le portail et m’a suivie sur quelques mètres en me reprochant les notes de sa fille, à voix haute devant des élèves.",
			ExactWords:  "« On se reverra, vous ne vous en tirerez pas comme ça »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Witnesses:    []Witness{{Role: "assistant d’éducation", Pseudonym: "AED B", Contact: "joignable par la vie scolaire"}, {Role: "élèves de 2de"}},
			Consequences: "Peur de sortir seule du lycée ; je me fais accompagner le midi.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(212), Status: "done"},
				{Kind: "school_report", Date: day(211), Status: "done", Note: "Le proviseur a saisi le fait établissement."},
				{Kind: "functional_protection", Date: day(205), Reference: "Courrier recommandé 1A 123 456 7890 1", Status: "answered", AnswerDate: day(170), Answer: "Protection accordée : prise en charge des frais d’avocat."},
			},
		}, amend: func(in *Incident) {
			in.Description += " Elle est repartie quand l’AED s’est approché."
		}},
		{in: &Incident{
			OccurredAt: at(190, 21, 10), Setting: "online", Workplace: school,
			Kinds: []string{"insult"}, Channels: []string{"email"}, Diffusion: "private",
			Description: "Courriel reçu sur mon adresse académique, le soir, au sujet d’une sortie scolaire annulée.",
			ExactWords:  "« Encore une prof qui ne sert à rien »",
			Perpetrator: "parent", PerpetratorRef: "Parent P2",
			Consequences: "Découragement.",
		}},
		{in: &Incident{
			OccurredAt: at(160, 15, 45), Setting: "classroom", Place: "Salle B12", Workplace: school,
			Kinds: []string{"insult", "intimidation"}, Channels: []string{"in_person"},
			Description: "Pendant un TP, un élève a refusé de ranger son téléphone, m’a insultée puis a renversé une chaise en sortant de la salle.",
			ExactWords:  "« Ferme-la »",
			Perpetrator: "pupil", PerpetratorRef: "Élève B",
			Witnesses:    []Witness{{Role: "élèves de 2de B"}, {Role: "collègue de la salle voisine", Pseudonym: "Collègue C2"}},
			Consequences: "Tension dans la classe les semaines suivantes.",
			Actions: []Action{
				{Kind: "report", Date: day(160), Status: "done", Note: "Rapport d’incident à la vie scolaire."},
				{Kind: "rsst", Date: day(159), Reference: "RSST n° 2025-47", Status: "answered", AnswerDate: day(150), Answer: "Conseil de discipline réuni ; exclusion temporaire."},
			},
		}},
		{in: &Incident{
			OccurredAt: at(120, 8, 15), Setting: "online", Workplace: school,
			Kinds: []string{"threat", "harassment"}, Channels: []string{"school_messaging", "phone"}, Diffusion: "private",
			Description: "Quatrième message du même parent en trois mois, puis deux appels au standard du lycée en demandant mon emploi du temps. Le standard a refusé de le donner.",
			ExactWords:  "« Je sais quand vous finissez le jeudi »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Witnesses:    []Witness{{Role: "agent d’accueil", Pseudonym: "Accueil"}},
			Consequences: "Anxiété forte, difficultés de sommeil.",
			WorkImpact:   "Trois jours d’arrêt de travail.",
			MedicalNote:  "Arrêt de travail de 3 jours ; suivi psychologique proposé par le médecin.",
			Actions: []Action{
				{Kind: "complaint", Date: day(118), Reference: "PV 2026/00077", Status: "awaiting_answer"},
				{Kind: "functional_protection", Date: day(80), Reference: "Demande au recteur, copie en recommandé", Status: "awaiting_answer", Note: "Relance envisagée."},
				{Kind: "occupational_doctor", Date: day(100), Status: "planned"},
			},
		}, evidence: []demoEvidence{
			{name: "journal-appels-standard.png", lines: []string{"Journal des appels - standard", "", "08:02  appel entrant  2 min", "08:31  appel entrant  4 min", "", "Demande : emploi du temps de", "l'enseignante (refuse)"}},
		}},
		{in: &Incident{
			OccurredAt: at(95, 11, 0), Setting: "remote_home", Place: "Classe virtuelle CNED", Workplace: school,
			Kinds: []string{"video_intrusion"}, Channels: []string{"video_call"}, Diffusion: "restricted",
			Description: "Tentative d’intrusion pendant une classe virtuelle : la salle d’attente a bloqué deux comptes inconnus. Le lien circulait sur un groupe de messagerie d’élèves.",
			VideoCall:   &VideoCall{Platform: "Classe virtuelle du CNED", PublicLink: true, WaitingRoom: true, Intruders: []string{"invite_123", "PasUnProf"}},
			Perpetrator: "outsider", PerpetratorRef: "Intrus I2", PerpetratorCount: 2,
			Consequences: "Pas d’intrusion grâce à la salle d’attente, mais inquiétude.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(95), Status: "done"},
			},
		}},
		{in: &Incident{
			OccurredAt: at(70, 17, 50), Setting: "online", Workplace: school,
			Kinds: []string{"defamation", "doxxing"}, Channels: []string{"social_network"}, Diffusion: "public",
			Description: "Publication sur un groupe public de parents du secteur : mon nom, le lycée et l’accusation d’avoir « humilié » une élève. Mon numéro de téléphone personnel figure dans un commentaire.",
			ExactWords:  "« Cette prof humilie les élèves, voici son numéro, appelez-la »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Appels anonymes sur mon portable pendant deux jours.",
			Actions: []Action{
				{Kind: "takedown_request", Date: day(69), Status: "awaiting_answer"},
				{Kind: "hierarchy_alert", Date: day(69), Status: "done"},
			},
		}, evidence: []demoEvidence{
			{url: "https://social.example.org/groups/parents-secteur/posts/88213", note: "Publication vue le jour même ; 120 partages."},
			{name: "capture-publication-groupe.png", lines: []string{"Groupe : Parents du secteur", "", "Cette prof humilie les eleves,", "voici son numero, appelez-la", "06 .. .. .. ..", "", "52 reactions - 120 partages"}},
		}},
		{in: &Incident{
			OccurredAt: at(40, 16, 30), Setting: "school_life", Place: "Bureau de la vie scolaire", Workplace: school,
			Kinds: []string{"insult", "threat"}, Channels: []string{"in_person"},
			Description: "Lors d’un rendez-vous demandé par un père d’élève, en présence de la CPE, celui-ci s’est levé, a frappé sur la table et m’a menacée.",
			ExactWords:  "« Vous allez le regretter »",
			Perpetrator: "parent", PerpetratorRef: "Parent P2",
			Witnesses:    []Witness{{Role: "CPE", Pseudonym: "CPE"}},
			Consequences: "Tremblements, impossibilité de reprendre les cours l’après-midi.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(40), Status: "done"},
				{Kind: "rsst", Date: day(39), Reference: "RSST n° 2026-05", Status: "awaiting_answer"},
				{Kind: "work_accident", Date: day(35), Status: "awaiting_answer", Note: "Déclaration avec le certificat médical initial."},
			},
		}},
		{in: &Incident{
			OccurredAt: at(6, 20, 45), Setting: "remote_home", Workplace: school,
			Kinds: []string{"insult", "threat"}, Channels: []string{"sms"}, Diffusion: "private",
			Description: "SMS reçu un dimanche soir d’un numéro inconnu, signé du même parent que les messages Pronote.",
			ExactWords:  "« Vous croyez que la plainte me fait peur ? On verra bien qui rira le dernier »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Je n’ai pas dormi ; peur pour mes enfants.",
			Notes:        "Penser à demander l’ajout de ce message à la plainte.",
		}, amend: func(in *Incident) {
			in.WorkImpact = "Le lendemain, je n’ai pas pu assurer mes cours du matin."
		}, evidence: []demoEvidence{
			{name: "sms-dimanche-soir.png", lines: []string{"SMS - numero inconnu", "dimanche 20:45", "", "Vous croyez que la plainte", "me fait peur ? On verra bien", "qui rira le dernier"}},
		}},
		{in: &Incident{
			OccurredAt: at(2, 9, 20), Setting: "classroom", Place: "Salle A03", Workplace: school,
			Kinds: []string{"image_spread"}, Channels: []string{"in_person", "social_network"}, Diffusion: "public",
			Description: "Un élève m’a filmée pendant le cours sans mon accord ; la vidéo a été publiée le soir même en « story ».",
			Perpetrator: "pupil", PerpetratorRef: "Élève C",
			Witnesses:    []Witness{{Role: "élèves de 1re"}},
			Consequences: "Sentiment d’insécurité en classe.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: day(2), Status: "done"},
			},
		}},
	}
}

// demoPicture draws a small screenshot: a message on a phone-like card,
// or a video frame with its title.
func demoPicture(lines []string, video bool) ([]byte, error) {
	const w, h = 420, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{0xf3, 0xf4, 0xf6, 0xff}
	draw.Draw(img, img.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	ink := color.RGBA{0x22, 0x2b, 0x36, 0xff}
	if video {
		frame := image.Rect(20, 20, w-20, h-80)
		draw.Draw(img, frame, &image.Uniform{color.RGBA{0x1f, 0x29, 0x37, 0xff}}, image.Point{}, draw.Src)
		// a person at a desk, blurred into blocks, and a play button
		draw.Draw(img, image.Rect(150, 70, 270, 200), &image.Uniform{color.RGBA{0x4b, 0x55, 0x63, 0xff}}, image.Point{}, draw.Src)
		draw.Draw(img, image.Rect(185, 40, 235, 90), &image.Uniform{color.RGBA{0x6b, 0x72, 0x80, 0xff}}, image.Point{}, draw.Src)
		for y := 0; y < 40; y++ { // a triangle
			for x := 0; x < y/2+1; x++ {
				img.Set(195+x, 110+y, color.White)
				img.Set(195+x, 150-y, color.White)
			}
		}
		draw.Draw(img, image.Rect(20, h-86, w-20, h-80), &image.Uniform{color.RGBA{0xdc, 0x26, 0x26, 0xff}}, image.Point{}, draw.Src)
		for i, l := range lines {
			demoText(img, 24, h-56+i*20, l, ink)
		}
	} else {
		card := image.Rect(20, 16, w-20, h-16)
		draw.Draw(img, card, &image.Uniform{color.White}, image.Point{}, draw.Src)
		head := image.Rect(20, 16, w-20, 46)
		draw.Draw(img, head, &image.Uniform{color.RGBA{0x3b, 0x5b, 0x7a, 0xff}}, image.Point{}, draw.Src)
		for i, l := range lines {
			c := ink
			y := 36 + i*22
			if i == 0 {
				c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			demoText(img, 32, y, l, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func demoText(img draw.Image, x, y int, s string, c color.Color) {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
