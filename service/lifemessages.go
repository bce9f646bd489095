package service

// The sentences of a key's life: expiry, renewal and grace periods. French, each the
// key of its English translation in assets/translations, like those of messages.go.
const (
	MsgExpiryInvalid      = "L'expiration demandée n'est pas valide."
	MsgExpiryUnparseable  = "Entrez la date d'expiration sous la forme jj/mm/aaaa."
	MsgExpiryPast         = "La date d'expiration est déjà passée : choisissez une date à venir."
	MsgExpiryRequired     = "Le cabinet impose une durée de vie maximale aux clés d'API : choisissez une expiration."
	MsgExpiryTooFar       = "Cette expiration dépasse la durée de vie maximale des clés d'API fixée par le cabinet."
	MsgPolicyDays         = "Entrez une durée de vie maximale en jours (par exemple 365j), ou « aucune »."
	MsgKeyExpired         = "Cette clé d'API a expiré : elle ne peut plus être renouvelée."
	MsgKeyRevokedRenew    = "Cette clé d'API est révoquée : elle ne peut plus être renouvelée."
	MsgKeyRenewedMeantime = "Cette clé d'API vient d'être renouvelée par un autre administrateur. Consultez la liste à jour ; aucun nouveau secret n'a été créé."
	MsgGraceInvalid       = "Choisissez la durée pendant laquelle l'ancien secret reste valable."
	MsgNoGrace            = "Cette clé d'API n'a pas d'ancien secret en période de grâce."
	MsgUnusedDays         = "Entrez un nombre de jours entre 1 et 3650."
)
