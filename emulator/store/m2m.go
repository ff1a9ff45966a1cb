package store

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"time"
)

// M2MState holds the project's machine-to-machine clients. Owned by the M2M
// group.
type M2MState struct {
	// Clients maps client_id to the client.
	Clients *Table[M2MClient] `json:"clients"`
}

func (s *M2MState) init(tr *tracker) {
	s.Clients = newTable[M2MClient](tr, "m2m.clients")
}

// M2MClient is a machine-to-machine client. Its secrets are kept only as
// hashes (see ClientSecrets).
type M2MClient struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	Description     string         `json:"description"`
	Status          string         `json:"status"` // "active" or "inactive"
	Scopes          []string       `json:"scopes"`
	TrustedMetadata map[string]any `json:"trusted_metadata"`
	Secrets         ClientSecrets  `json:"secrets"`
	CreatedAt       time.Time      `json:"created_at"`
}

// Clone returns a deep copy of c, safe to use outside a transaction.
func (c *M2MClient) Clone() M2MClient {
	out := *c
	out.Scopes = append([]string{}, c.Scopes...)
	out.TrustedMetadata = CloneMap(c.TrustedMetadata)
	return out
}

// ClientSecrets is the secret of an OAuth client (M2M or Connected App) and,
// during a rotation, the next secret. Both are SHA-256 hashes: the secrets
// are long random strings, so a fast hash is enough, and a state file never
// holds a usable secret.
type ClientSecrets struct {
	Hash         string `json:"hash,omitempty"`
	LastFour     string `json:"last_four"`
	NextHash     string `json:"next_hash,omitempty"`
	NextLastFour string `json:"next_last_four,omitempty"`
}

// HashSecret returns the stored form of a client secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func lastFour(secret string) string {
	if len(secret) <= 4 {
		return secret
	}
	return secret[len(secret)-4:]
}

// Set makes secret the only secret.
func (c *ClientSecrets) Set(secret string) {
	*c = ClientSecrets{Hash: HashSecret(secret), LastFour: lastFour(secret)}
}

// StartRotation records secret as the next secret; both work until the
// rotation completes or is cancelled.
func (c *ClientSecrets) StartRotation(secret string) {
	c.NextHash, c.NextLastFour = HashSecret(secret), lastFour(secret)
}

// Rotating reports whether a rotation is under way.
func (c *ClientSecrets) Rotating() bool { return c.NextHash != "" }

// CancelRotation forgets the next secret.
func (c *ClientSecrets) CancelRotation() { c.NextHash, c.NextLastFour = "", "" }

// CompleteRotation makes the next secret the only one.
func (c *ClientSecrets) CompleteRotation() {
	c.Hash, c.LastFour = c.NextHash, c.NextLastFour
	c.CancelRotation()
}

// Matches reports, in constant time, whether secret is the current or the
// next secret.
func (c *ClientSecrets) Matches(secret string) bool {
	h := []byte(HashSecret(secret))
	cur := subtle.ConstantTimeCompare(h, []byte(c.Hash))
	next := 0
	if c.NextHash != "" {
		next = subtle.ConstantTimeCompare(h, []byte(c.NextHash))
	}
	return c.Hash != "" && cur|next == 1
}
