package testcert_test

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stytchkit/stytchkit/internal/testcert"
)

// TestServesLoopbackHTTPS: a server with the written key pair is trusted by
// a client that trusts only the written CA, and by no other.
func TestServesLoopbackHTTPS(t *testing.T) {
	f, err := testcert.Write(t.TempDir())
	require.NoError(t, err)
	pair, err := tls.LoadX509KeyPair(f.Cert, f.Key)
	require.NoError(t, err)

	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "hello")
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pair}}
	srv.StartTLS()
	defer srv.Close()

	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: f.Pool}}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr}).Get(srv.URL) // https://127.0.0.1:port
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, "hello", string(body))

	other := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: x509.NewCertPool()}}
	defer other.CloseIdleConnections()
	_, err = (&http.Client{Transport: other}).Get(srv.URL)
	var unknown x509.UnknownAuthorityError
	assert.ErrorAs(t, err, &unknown)
}
