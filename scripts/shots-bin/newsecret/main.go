// Command newsecret prints a new key secret, drawn by the app's own generator, that
// belongs to no key: scripts/screenshots puts it in the folder it scans, where it
// shows as « Clé inconnue ».
package main

import (
	"fmt"
	"log"

	"sesame/service"
)

func main() {
	c, err := service.NewCredentials()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Secret)
}
