package main

// The command line's sentences about commands and databases, kept together so that
// the catalogue of messages can take them over. English in the comment of each.
const (
	// msgUnknownCommand: "unknown command: %s (see sesame-server --help)".
	msgUnknownCommand = "sesame-server : commande inconnue : %s (voir sesame-server --help)"
	// msgUnknownSubcommand: "unknown command: %s; the %s commands are: %s (see
	// sesame-server %s --help)".
	msgUnknownSubcommand = "sesame-server : commande inconnue : %s ; les commandes %s sont : %s (voir sesame-server %s --help)"
	// msgDBMissing: "the database %s does not exist: check the path or URL, or create
	// it with sesame-server init --db %s".
	msgDBMissing = "la base %s n'existe pas : vérifiez le chemin ou l'adresse, ou créez-la avec sesame-server init --db %s"
	// msgDBNotInitialised: "the database %s is not a Sésame database yet: create its
	// tables with sesame-server init --db %s".
	msgDBNotInitialised = "la base %s n'est pas encore une base Sésame : créez ses tables avec sesame-server init --db %s"
	// msgDBNotEmpty: "the database %s already holds tables other than Sésame's (%d): give
	// init an empty database (createdb)".
	msgDBNotEmpty = "la base %s contient déjà d'autres tables que celles de Sésame (%d) : donnez à init une base vide (createdb)"
	// msgDBIsFolder: "%s is a folder, not a database file: give the path of the file
	// (for example %s)".
	msgDBIsFolder = "%s est un dossier, pas un fichier de base : donnez le chemin du fichier (par exemple %s)"
	// msgDBCreated: "Database ready: %s. Next: sesame-server tiers add, admin add, then
	// serve."
	msgDBCreated = "Base prête : %s. Ensuite : sesame-server tiers add, admin add, puis serve.\n"
	// msgDBAlreadyReady: "The database %s is already a Sésame database: nothing was
	// changed."
	msgDBAlreadyReady = "La base %s est déjà une base Sésame : rien n'a été changé.\n"
	// msgTiersParentMissing: "the tiers %s, to which %s would be attached, does not
	// exist (sesame-server tiers add)".
	msgTiersParentMissing = "le tiers %s, auquel %s serait rattaché, n'existe pas (sesame-server tiers add --code %s …)"
	// msgIssuerNotInCert: "Warning: the TLS certificate is not made out for %s, the
	// host of --issuer (it names: %s); the app and browsers will refuse to connect
	// under that name. Give a certificate that covers %s, or the --issuer it names."
	msgIssuerNotInCert = "Attention : le certificat TLS n'est pas établi pour %s, l'hôte de --issuer (il nomme : %s) ; l'application et les navigateurs refuseront de s'y connecter sous ce nom. Donnez un certificat qui couvre %s, ou l'--issuer qu'il nomme."
)
