package recording

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/url"
	"os"
	"strings"
)

// harFile is the subset of HAR 1.2 (browser and proxy exports) that a check
// needs.
type harFile struct {
	Log *struct {
		Entries []harEntry `json:"entries"`
	} `json:"log"`
}

type harEntry struct {
	Request struct {
		Method   string `json:"method"`
		URL      string `json:"url"`
		PostData *struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
		} `json:"postData"`
	} `json:"request"`
	Response struct {
		Status  int `json:"status"`
		Headers []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"headers"`
		Content struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
}

// HAREntry is one API exchange taken from a HAR file.
type HAREntry struct {
	// Index is the position of the entry in log.entries.
	Index int
	// Exchange is the entry in recording form (bodies redacted).
	Exchange *Exchange
}

// ParseHAR extracts the exchanges of a HAR document whose URL path contains a
// /v1/ segment; other entries (pages, assets, other hosts' APIs) are skipped.
// name is used in errors only.
func ParseHAR(name string, data []byte) ([]HAREntry, error) {
	var h harFile
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, &FormatError{File: name, Reason: "bad HAR JSON", Err: err}
	}
	if h.Log == nil {
		return nil, &FormatError{File: name, Reason: "no log object (not a HAR file)"}
	}
	var out []HAREntry
	for i, e := range h.Log.Entries {
		u, err := url.Parse(e.Request.URL)
		if err != nil {
			return nil, &FormatError{File: name, Reason: fmt.Sprintf("entry %d: bad URL", i), Err: err}
		}
		p, ok := APIPath(u.Path)
		if !ok || e.Response.Status == 0 {
			continue // not an API call, or no response (blocked or aborted)
		}
		ex, err := harExchange(e, p, u.RawQuery)
		if err != nil {
			return nil, &FormatError{File: name, Reason: fmt.Sprintf("entry %d (%s %s)", i, e.Request.Method, p), Err: err}
		}
		out = append(out, HAREntry{Index: i, Exchange: ex})
	}
	return out, nil
}

// ReadHAR reads and parses a HAR file (see ParseHAR).
func ReadHAR(path string) ([]HAREntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseHAR(path, data)
}

func harExchange(e harEntry, path, query string) (*Exchange, error) {
	ex := &Exchange{
		Method: strings.ToUpper(e.Request.Method),
		Path:   path,
		Query:  RedactQuery(query),
		Status: e.Response.Status,
	}
	ct := e.Response.Content.MimeType
	for _, h := range e.Response.Headers {
		if strings.EqualFold(h.Name, "Content-Type") {
			ct = h.Value
		}
	}
	if ct != "" {
		ex.Headers = map[string]string{"Content-Type": ct}
	}
	if pd := e.Request.PostData; pd != nil && strings.TrimSpace(pd.Text) != "" {
		rb, err := requestJSON(pd.MimeType, []byte(pd.Text))
		if err != nil {
			// A request body that is neither JSON nor a form does not stop the
			// response check; it is simply not kept.
			rb = nil
		}
		ex.RequestBody = rb
	}
	body := []byte(e.Response.Content.Text)
	if strings.EqualFold(e.Response.Content.Encoding, "base64") {
		dec, err := base64.StdEncoding.DecodeString(e.Response.Content.Text)
		if err != nil {
			return nil, fmt.Errorf("response content is not valid base64: %w", err)
		}
		body = dec
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if red, err := RedactJSON(body); err == nil {
			ex.Body = red
		} else {
			ex.BodyText = string(body)
		}
	}
	if err := ex.Validate(); err != nil {
		return nil, err
	}
	return ex, nil
}

// IsJSONContentType reports whether a Content-Type names a JSON media type
// (application/json or any +json type).
func IsJSONContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}
