package app

import (
	"fmt"
	"time"
)

// demoRecent: the last weeks of the demo's story.
func demoRecent(c demoClock) []demoItem {
	t11, t12, t13, t14 := c.at(70, 17, 50), c.school(40, 16, 30), c.at(6, 20, 45), c.school(2, 9, 20)
	return []demoItem{
		{in: &Incident{
			OccurredAt: t11, Setting: "online", Workplace: demoSchool, TargetsJob: true,
			Kinds: []string{"defamation", "doxxing"}, Channels: []string{"social_network"}, Diffusion: "public",
			Description: "Publication sur un groupe public de parents du secteur : mon nom, le lycée et l’accusation d’avoir « humilié » une élève. Mon numéro de téléphone personnel figure dans un commentaire.",
			ExactWords:  "« Cette prof humilie les élèves, voici son numéro, appelez-la »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Appels anonymes sur mon portable pendant deux jours.",
			Actions: []Action{
				{Kind: "takedown_request", Date: on(t11, 1), Status: "awaiting_answer"},
				{Kind: "hierarchy_alert", Date: after(t11, 1), Status: "done"},
				{Kind: "complaint", Date: after(t11, 4), Reference: fmt.Sprintf("PV %d/00391", after(t11, 4).Year), Status: "done",
					Note: "Plainte simple au commissariat pour diffamation."},
			},
		}, evidence: []demoEvidence{
			{url: "https://social.example.org/groups/parents-secteur/posts/88213", note: "Publication vue le jour même ; 120 partages."},
			{name: "capture-publication-groupe.png", lines: []string{"Groupe : Parents du secteur", "", "Cette prof humilie les eleves,", "voici son numero, appelez-la", "06 .. .. .. ..", "", "52 reactions - 120 partages"}},
		}},
		{in: &Incident{
			OccurredAt: t12, Setting: "school_life", Place: "Bureau de la vie scolaire", Workplace: demoSchool, Activity: "Rendez-vous avec un parent",
			Kinds: []string{"insult", "threat"}, Channels: []string{"in_person"},
			Description: "Lors d’un rendez-vous demandé par un père d’élève, en présence de la CPE, celui-ci s’est levé, a frappé sur la table et m’a menacée.",
			ExactWords:  "« Vous allez le regretter »",
			Perpetrator: "parent", PerpetratorRef: "Parent P2",
			Witnesses:    []Witness{{Role: "CPE", Pseudonym: "CPE"}},
			Consequences: "Tremblements, impossibilité de reprendre les cours l’après-midi.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: DateOf(t12), Status: "done"},
				{Kind: "rsst", Date: after(t12, 1), Reference: fmt.Sprintf("RSST n° %d-112", after(t12, 1).Year), Status: "awaiting_answer"},
				{Kind: "work_accident", Date: after(t12, 5), ReceivedOn: after(t12, 6), Status: "awaiting_answer", Note: "Déclaration avec le certificat médical initial."},
			},
		}},
		{in: &Incident{
			OccurredAt: t13, Setting: "remote_home", Workplace: demoSchool,
			Kinds: []string{"insult", "threat"}, Channels: []string{"sms"}, Diffusion: "private",
			Description: "SMS reçu un " + weekday(t13) + " soir d’un numéro inconnu, signé du même parent que les messages Pronote.",
			ExactWords:  "« Vous croyez que la plainte me fait peur ? On verra bien qui rira le dernier »",
			Perpetrator: "parent", PerpetratorRef: "Parent P1",
			Consequences: "Je n’ai pas dormi ; peur pour mes enfants.",
			Notes:        "Penser à demander l’ajout de ce message à la plainte.",
		}, amend: func(in *Incident) {
			in.WorkImpact = "Le lendemain, je n’ai pas pu assurer mes cours du matin."
		}, evidence: []demoEvidence{
			{name: "sms-soir.png", lines: []string{"SMS - numero inconnu", weekday(t13) + " 20:45", "", "Vous croyez que la plainte", "me fait peur ? On verra bien", "qui rira le dernier"}},
		}},
		{in: &Incident{
			OccurredAt: t14, Setting: "classroom", Place: "Salle A03", Workplace: demoSchool, Activity: "Cours de biologie en 1re",
			Kinds: []string{"image_spread"}, Channels: []string{"in_person", "social_network"}, Diffusion: "public",
			Description: "Un élève m’a filmée pendant le cours sans mon accord ; la vidéo a été publiée le soir même en « story ».",
			Perpetrator: "pupil", PerpetratorRef: "Élève C",
			Witnesses:    []Witness{{Role: "élèves de 1re"}},
			Consequences: "Sentiment d’insécurité en classe.",
			Actions: []Action{
				{Kind: "hierarchy_alert", Date: DateOf(t14), Status: "done"},
				{Kind: "school_report", Date: after(t14, 1), Status: "planned"},
			},
		}},
	}
}

// demoRoutine: the everyday incidents around the story, which the
// statistics count: insults in class, messages and calls from parents,
// tension in the corridors. Forty-six of them, on school days for those
// at school, in the evening for messages.
func demoRoutine(now time.Time) []demoItem {
	c := demoClock{now}
	type pattern struct {
		setting, place, kind, kind2, channel, perp, ref string
		hour                                            int
		text, words                                     string
	}
	patterns := []pattern{
		{"classroom", "Salle B12", "insult", "", "in_person", "pupil", "Élève D", 10, "En cours, un élève de 2de B a répondu par une insulte à une demande de se remettre au travail.", "« Tu me saoules »"},
		{"online", "", "insult", "", "school_messaging", "parent", "Parent P3", 21, "Message Pronote d’un parent contestant une punition donnée à son fils.", "« Vous n’avez aucune autorité »"},
		{"school_life", "Couloir du bâtiment B", "intimidation", "", "in_person", "pupil", "Élève E", 13, "Dans le couloir, un groupe d’élèves m’a bloqué le passage en ricanant.", ""},
		{"online", "", "insult", "", "email", "parent", "Parent P4", 22, "Courriel d’un parent, tard le soir, sur une note jugée injuste.", "« Incompétente »"},
		{"classroom", "Salle A03", "insult", "intimidation", "in_person", "pupil", "Élève F", 15, "Un élève a quitté la classe en claquant la porte et en m’insultant.", "« Va te faire voir »"},
		{"online", "", "insult", "", "phone", "parent", "Parent P5", 9, "Appel au standard d’un parent qui demandait à me parler et m’a insultée.", "« Vous allez voir ce que vous allez voir »"},
		{"workshop", "Serre pédagogique", "property", "", "in_person", "unknown", "", 11, "Matériel de TP de ma classe dégradé pendant la récréation.", ""},
		{"online", "", "cyberharassment", "insult", "social_network", "pupil", "Élève G", 20, "Commentaires moqueurs sur un compte d’élèves, qui me désignent par un surnom.", "« la prof de bio la plus nulle »"},
	}
	var out []demoItem
	for i := range 46 {
		p := patterns[i%len(patterns)]
		daysAgo := 8 + i*6 + i%4
		// Every routine incident falls in school time: a message arrives in
		// the evening of a school day.
		t := c.school(daysAgo, p.hour, 5+(i*7)%50)
		in := &Incident{OccurredAt: t, Setting: p.setting, Place: p.place, Workplace: demoSchool,
			Kinds: []string{p.kind}, Channels: []string{p.channel}, Description: p.text, ExactWords: p.words,
			Perpetrator: p.perp, PerpetratorRef: p.ref}
		if p.kind2 != "" {
			in.Kinds = append(in.Kinds, p.kind2)
		}
		if p.channel == "social_network" {
			in.Diffusion = "public"
		}
		if p.text != "" && i%3 == 0 {
			in.Actions = []Action{{Kind: "hierarchy_alert", Date: after(t, 0), Status: "done"}}
		}
		if p.setting == "classroom" && i%5 == 0 {
			in.Actions = append(in.Actions, Action{Kind: "report", Date: after(t, 0), Status: "done", Note: "Rapport d’incident à la vie scolaire."})
		}
		out = append(out, demoItem{in: in})
	}
	return out
}
