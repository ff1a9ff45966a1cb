package recording

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadHAR(t *testing.T) {
	entries, err := ReadHAR("../../testdata/specdiff/capture.har")
	require.NoError(t, err)
	require.Len(t, entries, 2, "the asset entry and the entry without a response are skipped")

	first := entries[0]
	assert.Equal(t, 0, first.Index)
	assert.Equal(t, "GET", first.Exchange.Method)
	assert.Equal(t, "/v1/debug/whoami", first.Exchange.Path)
	assert.Equal(t, 200, first.Exchange.Status)
	assert.Equal(t, "application/json; charset=utf-8", first.Exchange.ContentType(), "the header wins over mimeType")

	second := entries[1]
	assert.Equal(t, 2, second.Index)
	assert.Equal(t, "/v1/debug/whoami", second.Exchange.Path, "a proxy prefix is removed")
	var body map[string]any
	require.NoError(t, json.Unmarshal(second.Exchange.Body, &body), "base64 content is decoded")
	assert.Equal(t, "P", body["name"])
}

func TestParseHARErrors(t *testing.T) {
	_, err := ParseHAR("x.har", []byte(`{"log":`))
	var fe *FormatError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "x.har", fe.File)

	_, err = ParseHAR("x.har", []byte(`{"entries":[]}`))
	require.ErrorAs(t, err, &fe)
	assert.Contains(t, err.Error(), "no log object")

	bad := `{"log":{"entries":[{"request":{"method":"GET","url":"https://h/v1/x"},"response":{"status":200,"content":{"encoding":"base64","text":"!!"}}}]}}`
	_, err = ParseHAR("x.har", []byte(bad))
	require.ErrorAs(t, err, &fe)
	assert.Contains(t, err.Error(), "base64")

	secret := `{"log":{"entries":[{"request":{"method":"POST","url":"https://h/v1/sessions/authenticate","postData":{"mimeType":"application/json","text":"{\"session_token\":\"tok-123\"}"}},"response":{"status":200,"content":{"mimeType":"text/html","text":"<html>"}}}]}}`
	entries, err := ParseHAR("x.har", []byte(secret))
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.NotContains(t, string(entries[0].Exchange.RequestBody), "tok-123")
	assert.Equal(t, "<html>", entries[0].Exchange.BodyText)
}
