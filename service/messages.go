package service

// The sentences the domain shows users. They are French; each is also the key of its
// English translation in assets/translations, so keep them in sync.
const (
	MsgUnexpected      = "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, consultez le journal de Sésame."
	MsgKeyNameBlank    = "Entrez un nom pour la clé d'API."
	MsgKeyNameTooLong  = "Le nom de la clé d'API ne doit pas dépasser 100 caractères."
	MsgKeyNameControl  = "Le nom de la clé d'API ne doit pas contenir de caractères de contrôle."
	MsgKeyNameInvalid  = "Le nom de la clé d'API contient des caractères non valides."
	MsgKeyNameTaken    = "Une clé d'API active porte déjà ce nom pour ce tiers et ce service."
	MsgKeyNotFound     = "Cette clé d'API n'existe pas ou n'est plus accessible."
	MsgKeyRevoked      = "Cette clé d'API est déjà révoquée."
	MsgTiersNotFound   = "Ce tiers n'existe pas ou vous ne l'administrez pas."
	MsgTiersExists     = "Un tiers porte déjà ce code."
	MsgServiceNotFound = "Ce service n'existe pas dans le catalogue."
	MsgServiceNoKeys   = "Ce service n'accepte pas de clés d'API."
	MsgTiersCodeBlank  = "Entrez un code."
	MsgTiersCodeFormat = "Le code ne doit contenir que des lettres et des chiffres (20 au plus)."
	MsgNoProfile       = "Le profil du cabinet n'est pas encore créé."
	MsgStoreReadOnly   = "Le fichier de données de Sésame est en lecture seule : aucune modification n'a été enregistrée."
	MsgStoreLocked     = "Le fichier de données de Sésame est verrouillé par un autre programme. Fermez l'autre instance de Sésame et réessayez."
	MsgStoreCorrupt    = "Le fichier de données de Sésame est endommagé ou n'est pas un fichier de Sésame."
	MsgStoreNewer      = "Le fichier de données a été écrit par une version plus récente de Sésame. Installez cette version pour l'ouvrir."
	MsgStoreFull       = "Le disque est plein : aucune modification n'a été enregistrée. Libérez de la place et réessayez."
	MsgUnauthorized    = "Votre session a expiré. Reconnectez-vous."
	MsgForbidden       = "Vous n'avez pas le droit d'effectuer cette action."
	MsgRateLimited     = "Trop de tentatives. Patientez un moment avant de réessayer."
	MsgUnavailable     = "Le serveur du cabinet ne répond pas. Vérifiez votre connexion et réessayez."
	// MsgDBUnreachable: the server cannot reach its database (PostgreSQL stopped, a
	// network cut); said to the operator and in the server's 503 answers.
	MsgDBUnreachable = "La base de données du serveur est injoignable. Réessayez dans un moment ; si cela dure, l'administrateur du serveur doit vérifier que PostgreSQL fonctionne et que l'adresse --db est la bonne."
	// MsgDBPasswordRefused: PostgreSQL refused the password of the server's URL.
	MsgDBPasswordRefused = "Le mot de passe de la base de données du serveur est refusé : l'administrateur du serveur doit corriger le mot de passe de l'adresse --db (ou du fichier pgpass)."
	// MsgDBUserRefused: PostgreSQL does not know the user of the server's URL, or does
	// not let it in (pg_hba.conf).
	MsgDBUserRefused = "La base de données du serveur refuse son utilisateur (inconnu ou non autorisé) : l'administrateur du serveur doit corriger l'utilisateur de l'adresse --db ou les accès de PostgreSQL."
	// MsgDBMissing: the database the server's URL names does not exist.
	MsgDBMissing = "La base de données du serveur n'existe pas sur PostgreSQL : l'administrateur du serveur doit vérifier son nom dans l'adresse --db, ou la créer (createdb) puis lancer sesame-server init."
	// MsgDBBusy: the database gave up a request it may well take in a moment (a
	// deadlock, too many connections, a restart under way).
	MsgDBBusy = "La base de données du serveur est momentanément occupée. Réessayez dans un moment."
	// MsgKeychainUnavailable is shown when the OS keychain cannot keep the sign-in.
	MsgKeychainUnavailable = "Le trousseau du système n'est pas disponible : votre session fonctionne, mais vous devrez vous reconnecter au prochain démarrage. Rien n'a été enregistré en clair."
)

// MsgKeyNameInvisible refuses a key name holding a format character (zero-width
// joiner or space, soft hyphen…) or a bidirectional control.
const MsgKeyNameInvisible = "Le nom de la clé d'API ne doit pas contenir de caractères invisibles ni de marques de sens d'écriture."

// The sentences of a connection to the firm's server that failed for a reason the
// administrator can act on (see CertificateError and OtherAddressError).
const (
	MsgCertUnknownAuthority = "Cet ordinateur ne reconnaît pas le certificat du serveur du cabinet : il a été émis par le cabinet lui-même ou par une autorité inconnue. Si c'est bien votre serveur, comparez son empreinte avec celle que donne son administrateur avant de lui faire confiance."
	MsgCertExpired          = "Le certificat du serveur du cabinet a expiré ou n'est pas encore valable. L'administrateur du serveur doit le renouveler ; vérifiez aussi la date et l'heure de cet ordinateur."
	MsgCertWrongName        = "Le certificat du serveur n'est pas établi pour l'adresse saisie : le serveur a sans doute été joint sous un autre nom que le sien."
	MsgCertChanged          = "Attention : le serveur présente un autre certificat que celui auquel vous avez fait confiance, et Sésame refuse de s'y connecter. Si son administrateur a changé le certificat, retirez l'ancien dans Paramètres puis vérifiez le nouveau ; sinon, quelqu'un se fait peut-être passer pour le serveur : prévenez-le."
	MsgNotTLS               = "Le serveur ne répond pas en HTTPS à cette adresse. Vérifiez l'adresse (https:// ou http://) et le port dans Paramètres."
	MsgServerNotFound       = "Le nom du serveur du cabinet est introuvable. Vérifiez l'adresse dans Paramètres et votre connexion."
	MsgOtherAddress         = "Le serveur du cabinet répond, mais il se présente sous une autre adresse que celle saisie."
)

// MsgSessionClosed tells an administrator that the server ended their session (sign
// out elsewhere, new password, sessions revoked by the operator): they must sign in
// again.
const MsgSessionClosed = "Votre session a été fermée. Reconnectez-vous."

// MsgInvalidCharacters refuses a request holding text that is not UTF-8, or a NUL
// character, anywhere: in its address, its parameters or its body.
const MsgInvalidCharacters = "La requête contient des caractères non valides (texte qui n'est pas en UTF-8 ou caractère nul)."

// The sentences of the audit journal's verification; {{.Count}} and {{.Event}} are
// filled by AuditCheck.Message or by the translation.
const (
	MsgAuditIntact    = "Journal intègre : les {{.Count}} événements se suivent sans modification ni suppression."
	MsgAuditAltered   = "L'événement n° {{.Event}} a été modifié : son empreinte ne correspond plus à son contenu ou à l'événement qui le précède."
	MsgAuditMissing   = "L'événement n° {{.Event}} manque : il a été supprimé du journal."
	MsgAuditBadHead   = "La tête de chaîne enregistrée (événement n° {{.Event}}) ne correspond plus aux événements du journal."
	MsgAuditBadAnchor = "L'événement n° {{.Event}} n'a plus l'empreinte que lui donnait l'export précédent : le journal a été réécrit depuis."
	MsgAuditPeriod    = "La fin de la période doit suivre son début."
	MsgDateInvalid    = "Cette date n'est pas valide."
	MsgAuditWrite     = "Le journal n'a pas pu être exporté : l'écriture du fichier a échoué."
)
