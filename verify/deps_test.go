package verify_test

import (
	"os/exec"
	"strings"
	"testing"
)

// A firm's service imports this package alone: it must bring neither the GUI nor
// the server's internals with it; only Sésame's catalogue of sentences (data, no
// code), which its refusals say.
func TestImportsNothingOfSesameNorFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "sesame/verify").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if (strings.HasPrefix(dep, "sesame/") && dep != "sesame/verify" && dep != "sesame/assets/messages") || strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("sesame/verify depends on %s", dep)
		}
	}
}
