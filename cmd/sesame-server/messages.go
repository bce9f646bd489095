package main

import "sesame/service/msg"

// The codes of the command line's sentences about commands and databases, with the
// English of each in its comment.
const (
	// msgUnknownCommand: "unknown command: %s (see sesame-server --help)".
	msgUnknownCommand msg.Code = "cli.commande_inconnue_voir_help"
	// msgUsageError: "sesame-server %s: %s (see sesame-server %s --help)", for a
	// command line that a command cannot understand.
	msgUsageError msg.Code = "cli.erreur_usage_voir_help"
	// msgUnknownSubcommand: "unknown command: %s; the %s commands are: %s (see
	// sesame-server %s --help)".
	msgUnknownSubcommand msg.Code = "cli.commande_inconnue_commandes_sont_voir"
	// msgDBMissing: "the database %s does not exist: check the path or URL, or create
	// it with sesame-server init --db %s".
	msgDBMissing msg.Code = "cli.base_existe_verifiez_chemin_adresse"
	// msgDBNotInitialised: "the database %s is not a Sésame database yet: create its
	// tables with sesame-server init --db %s".
	msgDBNotInitialised msg.Code = "cli.base_encore_base_creez_tables"
	// msgDBNotEmpty: "the database %s already holds tables other than Sésame's (%d): give
	// init an empty database (createdb)".
	msgDBNotEmpty msg.Code = "cli.base_contient_deja_autres_tables"
	// msgDBForeignSQLite: "the file %s is another application's SQLite database (%d
	// tables): nothing was written to it; give --db the path of a new file".
	msgDBForeignSQLite msg.Code = "cli.fichier_base_sqlite_autre_application"
	// msgDBIsFolder: "%s is a folder, not a database file: give the path of the file
	// (for example %s)".
	msgDBIsFolder msg.Code = "cli.dossier_fichier_base_donnez_chemin"
	// msgDBCreated: "Database ready: %s. Next: sesame-server tiers add, admin add, then
	// serve."
	msgDBCreated msg.Code = "cli.base_prete_ensuite_tiers_add"
	// msgDBAlreadyReady: "The database %s is already a Sésame database: nothing was
	// changed."
	msgDBAlreadyReady msg.Code = "cli.base_deja_base_rien_ete"
	// msgTiersParentMissing: "the tiers %s, to which %s would be attached, does not
	// exist (sesame-server tiers add)".
	msgTiersParentMissing msg.Code = "cli.tiers_auquel_serait_rattache_existe"
	// msgIssuerNotInCert: "Warning: the TLS certificate is not made out for %s, the
	// host of --issuer (it names: %s); the app and browsers will refuse to connect
	// under that name. Give a certificate that covers %s, or the --issuer it names."
	msgIssuerNotInCert msg.Code = "cli.attention_certificat_tls_etabli_hote"
)
