package app

// commonWords are first names and surnames that are also common French
// words: replacing them everywhere would garble the text ("une rose", "le
// petit", "claire"). A name's single word found here is replaced only when
// the person confirms it, by adding it to the person's forms.
var commonWords = map[string]bool{}

func init() {
	for _, w := range []string{
		// first names
		"rose", "pierre", "marine", "blanche", "claire", "olive", "prudence", "constance", "aime",
		"desire", "felicite", "grace", "fleur", "violette", "capucine", "jade", "perle", "ambre",
		"colombe", "reine", "victoire", "clement", "franck", "sage", "juste", "loup", "aurore",
		"patience", "modeste", "honore", "merle", "marin", "ange", "celeste", "eden", "iris", "lilas",
		"mai", "noel", "rosier",
		// surnames
		"petit", "grand", "blanc", "noir", "brun", "roux", "bois", "fontaine", "berger", "boucher",
		"boulanger", "marchand", "chevalier", "meunier", "bonnet", "roy", "roi", "lion", "renard",
		"mouton", "poulain", "pain", "page", "riviere", "colin", "pinson", "rossignol", "lapin",
		"jeune", "vieux", "beau", "leger", "gros", "gras", "bon", "leblanc", "lebrun", "lenoir",
		"charpentier", "barbier", "garde", "fort", "doux", "vigne", "vallee", "mont", "champ", "pre",
		"foret", "moulin", "pont", "port", "lac",
	} {
		commonWords[w] = true
	}
}

// isCommonWord reports whether a single word of a name is also a common
// French word.
func isCommonWord(w string) bool { return commonWords[fold(w)] }
