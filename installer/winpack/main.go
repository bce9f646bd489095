// Command winpack makes the Windows parts of a Sésame release, for scripts/package:
//
//	winpack syso    -o rsrc_windows_amd64.syso      resources to link into Sésame.exe
//	winpack msi     -exe dist/Sésame.exe -o dist/Sesame.msi
//	winpack inspect dist/Sésame.exe                  what a built executable declares
//
// Name, ID and version come from FyneApp.toml (-toml); -version overrides the
// version (a test builds a newer MSI of the same program); -publisher names who
// publishes the build (CompanyName, the MSI's Manufacturer).
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"

	"sesame/assets"
	"sesame/installer"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet("winpack "+os.Args[1], flag.ExitOnError)
	tomlPath := fs.String("toml", "FyneApp.toml", "the app's FyneApp.toml")
	out := fs.String("o", "", "output file")
	exe := fs.String("exe", "", "the built Sésame.exe (msi)")
	ver := fs.String("version", "", "version instead of FyneApp.toml's (major.minor.patch)")
	publisher := fs.String("publisher", installer.DefaultPublisher, "CompanyName and Manufacturer")
	_ = fs.Parse(os.Args[2:])

	if os.Args[1] == "inspect" {
		if fs.NArg() != 1 {
			usage()
		}
		inspect(fs.Arg(0))
		return
	}
	p, err := installer.LoadProduct(*tomlPath)
	check(err)
	p.Publisher = *publisher
	if *ver != "" {
		p.Version = *ver
	}
	switch os.Args[1] {
	case "syso":
		if *out == "" {
			usage()
		}
		rs, err := installer.Resources(p, assets.Icon())
		check(err)
		check(installer.WriteSyso(rs, *out))
	case "msi":
		if *out == "" || *exe == "" {
			usage()
		}
		check(installer.BuildMSI(p, assets.Icon(), *exe, *out))
	default:
		usage()
	}
}

func inspect(path string) {
	in, err := installer.Inspect(path)
	check(err)
	fmt.Printf("icon sizes:      %v\n", in.IconSizes)
	fmt.Printf("file version:    %s\nproduct version: %s\n", in.FileVersion, in.ProductVersion)
	langs := make([]string, 0, len(in.Strings))
	for lang := range in.Strings {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	for _, lang := range langs {
		keys := make([]string, 0, len(in.Strings[lang]))
		for k := range in.Strings[lang] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Printf("%s %-17s %s\n", lang, k+":", in.Strings[lang][k])
		}
	}
	fmt.Printf("manifest:\n%s\n", in.ManifestXML)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "winpack:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage: winpack syso -o FILE.syso [-toml FyneApp.toml] [-version X.Y.Z] [-publisher NAME]
       winpack msi -exe Sésame.exe -o Sesame.msi [-toml FyneApp.toml] [-version X.Y.Z] [-publisher NAME]
       winpack inspect Sésame.exe`)
	os.Exit(2)
}
