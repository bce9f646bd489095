package msg

import (
	"context"

	"golang.org/x/text/language"
)

// languageKey is the context key of WithLanguage.
type languageKey struct{}

// WithLanguage returns a context that carries the language of one caller (a server
// request's Accept-Language), for work that writes text far from the request, such
// as an export.
func WithLanguage(ctx context.Context, lang language.Tag) context.Context {
	return context.WithValue(ctx, languageKey{}, Base(lang))
}

// LanguageOf is the language ctx carries, or the process user's (Language) when it
// carries none.
func LanguageOf(ctx context.Context) language.Tag {
	if l, ok := ctx.Value(languageKey{}).(language.Tag); ok {
		return l
	}
	return Language()
}
