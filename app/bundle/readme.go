package bundle

import (
	"fmt"
	"strings"
)

// readme returns LISEZ-MOI.txt: what the bundle is and how to open and
// check it, with or without Témoin, in French then in English.
func readme(m *Manifest, incidents, evidence int) []byte {
	passphrase := len(m.EncryptedTo) == 1 && m.EncryptedTo[0] == "passphrase"
	decryptFR := "age -d -i cle.txt temoin-AAAA-MM-JJ.zip.age > dossier.zip"
	decryptEN := "age -d -i key.txt temoin-YYYY-MM-DD.zip.age > bundle.zip"
	if passphrase {
		decryptFR = "age -d temoin-AAAA-MM-JJ.zip.age > dossier.zip      (age demande la phrase de passe)"
		decryptEN = "age -d temoin-YYYY-MM-DD.zip.age > bundle.zip       (age asks for the passphrase)"
	}
	date := m.ExportedAt.UTC().Format("2006-01-02 15:04 UTC")
	var b strings.Builder
	fmt.Fprintf(&b, `TÉMOIN — DOSSIER CHIFFRÉ POUR UN·E REPRÉSENTANT·E DU PERSONNEL
=============================================================

Ce dossier a été préparé avec Témoin, le journal confidentiel des agressions
subies au travail, le %s. Il est destiné à un·e représentant·e du personnel
(F3SCT, ex-CHSCT). Il contient des données personnelles : gardez-le en lieu sûr
et ne le transmettez pas par la messagerie professionnelle.

Contenu
-------
  rapport.pdf      le rapport, prêt à imprimer
  incidents.json   les %d incident(s), en données structurées (format décrit
                   dans la documentation de Témoin : docs/bundle-format.md)
  evidence/        les %d pièce(s) jointe(s) choisie(s)
  chain.json       l'historique du journal (empreintes seulement, sans contenu),
                   qui permet de vérifier que rien n'a été modifié en cachette
  manifest.json    la liste des fichiers avec leur taille et leur empreinte
                   SHA-256, et la tête de l'historique
  SHA256SUMS       les empreintes SHA-256, vérifiables avec sha256sum

Noms : %s
Informations médicales incluses : %s

Ouvrir avec Témoin
------------------
  temoin open temoin-AAAA-MM-JJ.zip.age --identity cle.txt --out dossier
ou, dans l'application : « Je suis représentant·e », puis « Ouvrir un dossier
reçu ». Témoin vérifie toutes les empreintes et l'historique, et refuse un
dossier modifié.

Ouvrir sans Témoin
------------------
Avec l'outil age (https://age-encryption.org) et n'importe quel outil ZIP :
  %s
  unzip dossier.zip -d dossier
Puis, pour vérifier que rien n'a été modifié :
  cd dossier
  sha256sum -c SHA256SUMS
Chaque ligne doit finir par « OK » (ou « Réussi »).

Tête de l'historique : événement n° %d, %s

`, date, incidents, evidence, yesNo(m.Pseudonymised, "remplacés par des pseudonymes", "non remplacés (choix de l'auteur·e)"),
		yesNo(m.HealthIncluded, "oui (choix de l'auteur·e)", "non"), decryptFR, m.ChainHead.Seq, m.ChainHead.ID)

	fmt.Fprintf(&b, `TÉMOIN — ENCRYPTED BUNDLE FOR A STAFF REPRESENTATIVE
====================================================

This bundle was made with Témoin, a confidential journal of aggressions
suffered at work, on %s. It is meant for a staff representative on the
health and safety committee (F3SCT, formerly CHSCT). It holds personal data:
keep it safe and do not forward it through professional mail.

Contents
--------
  rapport.pdf      the report, ready to print
  incidents.json   the %d incident(s) as structured data (see Témoin's
                   documentation: docs/bundle-format.md)
  evidence/        the %d evidence file(s) chosen
  chain.json       the journal's history (hashes only, no content), to check
                   that nothing was changed behind the scenes
  manifest.json    every file with its size and SHA-256, and the history head
  SHA256SUMS       SHA-256 checksums, to check with sha256sum

Names: %s
Medical information included: %s

Open with Témoin
----------------
  temoin open temoin-YYYY-MM-DD.zip.age --identity key.txt --out bundle
or, in the application: "I am a representative", then "Open a received
bundle". Témoin checks every hash and the history, and refuses a bundle that
was changed.

Open without Témoin
-------------------
With the age tool (https://age-encryption.org) and any ZIP tool:
  %s
  unzip bundle.zip -d bundle
Then, to check that nothing was changed:
  cd bundle
  sha256sum -c SHA256SUMS
Every line must end with "OK".

History head: event %d, %s
`, date, incidents, evidence, yesNo(m.Pseudonymised, "replaced by pseudonyms", "not replaced (the author's choice)"),
		yesNo(m.HealthIncluded, "yes (the author's choice)", "no"), decryptEN, m.ChainHead.Seq, m.ChainHead.ID)
	return []byte(strings.ReplaceAll(b.String(), "\n", "\r\n"))
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
