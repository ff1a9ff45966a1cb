package control

import (
	"embed"
	"io/fs"
	"net/http"
)

// uiFiles is the web UI: one page, its script and its stylesheet, served as
// they are (no build step, nothing fetched from elsewhere).
//
//go:embed ui
var uiFiles embed.FS

// uiAssets serves the embedded UI under UIPath.
func uiAssets() http.Handler {
	sub, err := fs.Sub(uiFiles, "ui")
	if err != nil {
		panic(err) // the directory is embedded above: unreachable
	}
	return http.StripPrefix(UIPath[:len(UIPath)-1], http.FileServerFS(sub))
}
