package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// The style sheets the login page, the pickup page and the app's sign-in pages each
// carried inline before they shared one (copied as they were): the look the pages
// must keep. A change of look is a change of these too.
const (
	loginSheetBefore = `
body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2733;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1.5rem;width:100%;padding:.6rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:4px}
.error{background:#fdecea;color:#8a1c12;padding:.6rem;border-radius:4px}
`
	pickupSheetBefore = `
body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2733;margin:0}
main{max-width:30rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1.2rem;letter-spacing:.1em}
button{margin-top:1.5rem;width:100%;padding:.6rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:4px}
.error{background:#fdecea;color:#8a1c12;padding:.6rem;border-radius:4px}
.notice{background:#fff4e5;color:#663c00;padding:.6rem;border-radius:4px}
code{display:block;background:#f3f5f8;padding:.6rem;border-radius:4px;font-size:1rem;word-break:break-all;user-select:all}
`
	signInPageSheetBefore = `
body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2733;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}
.mark{font-size:2rem;line-height:1;margin:0 0 1rem}
.ok{color:#1e7a3c}
.notice{color:#8a5a00}
.brand{color:#5b6775;font-size:.85rem;margin:1.5rem 0 0}
`
)

// lookJS compares, in the page shown, every element's computed style (every
// property) under the page's own style element and under the sheet it had before;
// it returns "unstyled" when the page's own sheet is not applied (its CSP nonce
// refused), else the differences, at most ten.
const lookJS = `(() => {
  const snap = () => Array.from(document.querySelectorAll("*")).map(e => {
    const cs = getComputedStyle(e), o = {};
    for (const p of cs) o[p] = cs.getPropertyValue(p);
    return [e.tagName + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""), o];
  });
  if (getComputedStyle(document.body).backgroundColor !== "rgb(243, 245, 248)") return ["unstyled"];
  const style = document.querySelector("style"), own = style.textContent;
  const now = snap();
  style.textContent = %s;
  const before = snap();
  style.textContent = own;
  const diffs = [];
  now.forEach(([name, o], i) => {
    for (const p in o) if (o[p] !== before[i][1][p]) diffs.push(name + " " + p + ": " + o[p] + ", was " + before[i][1][p]);
  });
  return diffs.slice(0, 10);
})()`

// sameLook fails the test unless the page shown looks exactly as it did with the
// sheet it had before (sheetBefore): same computed style for every element.
func sameLook(t *testing.T, ctx context.Context, page, sheetBefore string) {
	t.Helper()
	arg, err := json.Marshal(sheetBefore)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	if err := json.Unmarshal([]byte(eval(t, ctx, "JSON.stringify("+fmt.Sprintf(lookJS, arg)+")")), &diffs); err != nil {
		t.Fatal(err)
	}
	if len(diffs) == 1 && diffs[0] == "unstyled" {
		t.Errorf("%s: its style is not applied (its CSP nonce refused?)", page)
	} else if len(diffs) > 0 {
		t.Errorf("%s does not look as before:\n%v", page, diffs)
	}
}
