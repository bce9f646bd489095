package wine

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// registry is what Wine keeps of a hive in its text file: key path → value name →
// value (strings unescaped, dwords as "dword:0000000c", other types as written).
type registry map[string]map[string]string

// readRegistry reads a prefix's hive as Wine writes it when its wineserver ends:
// "system.reg" is HKEY_LOCAL_MACHINE, "user.reg" HKEY_CURRENT_USER. Reading the
// files rather than `wine reg query` keeps the accents (reg.exe prints in the OEM
// code page) and costs no Wine start.
func readRegistry(t *testing.T, prefix, hive string) registry {
	t.Helper()
	stopWine(prefix, nil) // wineserver writes the hives when it ends
	f, err := os.Open(filepath.Join(prefix, hive))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reg := registry{}
	var key map[string]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "["):
			end := strings.LastIndex(line, "]")
			if end < 0 {
				continue
			}
			key = map[string]string{}
			reg[unescapeReg(line[1:end])] = key
		case key != nil && (strings.HasPrefix(line, `"`) || strings.HasPrefix(line, "@=")):
			name, value := splitRegValue(line)
			key[name] = value
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return reg
}

// splitRegValue splits `"name"="value"` (or `@=…`, the default value) and unescapes
// both sides; a value that is not a string is returned as written.
func splitRegValue(line string) (string, string) {
	name, rest := "", ""
	if strings.HasPrefix(line, "@=") {
		rest = line[2:]
	} else {
		i := closingQuote(line, 1)
		if i < 0 || i+1 >= len(line) || line[i+1] != '=' {
			return line, ""
		}
		name, rest = unescapeReg(line[1:i]), line[i+2:]
	}
	if s, ok := strings.CutPrefix(rest, "str(2):"); ok {
		rest = s
	}
	if strings.HasPrefix(rest, `"`) {
		if i := closingQuote(rest, 1); i > 0 {
			return name, unescapeReg(rest[1:i])
		}
	}
	return name, rest
}

// closingQuote is the index of the first unescaped '"' at or after from.
func closingQuote(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// unescapeReg undoes Wine's escapes: \\ \" \n \r \t \0 and \xH… (up to four hex digits:
// Wine pads to four when a hex digit follows).
func unescapeReg(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '0':
			b.WriteByte(0)
		case 'x':
			j := i + 1
			for j < len(s) && j < i+5 && strings.ContainsRune("0123456789abcdefABCDEF", rune(s[j])) {
				j++
			}
			n, err := strconv.ParseUint(s[i+1:j], 16, 32)
			if err != nil {
				b.WriteString(`\x`)
				continue
			}
			b.WriteRune(rune(n))
			i = j - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// TestReadRegistryUndoesWinesEscapes pins the parser on lines as Wine 8 writes them.
func TestReadRegistryUndoesWinesEscapes(t *testing.T) {
	for line, want := range map[string][2]string{
		`"DisplayName"="S\xe9same"`:                       {"DisplayName", "Sésame"},
		`"Comments"="S\xe9same \x2014 les cl\xe9s d'API"`: {"Comments", "Sésame — les clés d'API"},
		`"Path"="C:\\Program Files\\S\xe9same\\"`:         {"Path", `C:\Program Files\Sésame\`},
		`"UninstallString"=str(2):"MsiExec.exe /X{4BA3}"`: {"UninstallString", "MsiExec.exe /X{4BA3}"},
		`"Language"=dword:0000040c`:                       {"Language", "dword:0000040c"},
		`"Quote"="a \"b\" c"`:                             {"Quote", `a "b" c`},
		`"Hex"="\x00e9a"`:                                 {"Hex", "éa"},
		`@="http://"`:                                     {"", "http://"},
	} {
		name, value := splitRegValue(line)
		if name != want[0] || value != want[1] {
			t.Errorf("%s: got %q=%q, want %q=%q", line, name, value, want[0], want[1])
		}
	}
}
