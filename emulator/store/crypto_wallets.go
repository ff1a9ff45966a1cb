package store

import "time"

// CryptoWallet is a crypto wallet registered to a user. Owned by the crypto
// wallets group (flows/crypto_wallets.go).
type CryptoWallet struct {
	ID string `json:"id"`
	// Address is the canonical spelling (EIP-55 checksum for ethereum).
	Address  string `json:"address"`
	Type     string `json:"type"` // ethereum or solana
	Verified bool   `json:"verified"`
}

// WalletChallenge is a pending sign-in challenge of a wallet: the exact
// message the wallet must sign, single use.
type WalletChallenge struct {
	Type      string    `json:"type"`
	Address   string    `json:"address"`
	UserID    string    `json:"user_id"`
	Message   string    `json:"message"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	// SIWE is set when the message is an EIP-4361 Sign-In with Ethereum
	// message; authenticate echoes it back as siwe_params.
	SIWE *SIWEMessage `json:"siwe,omitempty"`
}

// SIWEMessage holds the fields of an EIP-4361 message the emulator built.
type SIWEMessage struct {
	Domain           string    `json:"domain"`
	URI              string    `json:"uri"`
	ChainID          string    `json:"chain_id"`
	Statement        string    `json:"statement,omitempty"`
	Nonce            string    `json:"nonce"`
	IssuedAt         time.Time `json:"issued_at"`
	NotBefore        time.Time `json:"not_before,omitzero"`
	MessageRequestID string    `json:"message_request_id,omitempty"`
	Resources        []string  `json:"resources"`
}

// CryptoWalletState holds pending sign-in challenges.
type CryptoWalletState struct {
	// Challenges maps "<type>:<canonical address>" to its pending challenge;
	// a new authenticate/start replaces the previous one.
	Challenges *Table[WalletChallenge] `json:"challenges"`
}

// WalletKey is the Challenges key of a wallet.
func WalletKey(walletType, address string) string { return walletType + ":" + address }

func (s *CryptoWalletState) init(tr *tracker) {
	s.Challenges = newTable[WalletChallenge](tr, "wallets.challenges")
}
