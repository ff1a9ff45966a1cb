package store

// CryptoWallet is a crypto wallet registered to a user. Owned by the crypto
// wallets group.
type CryptoWallet struct {
	ID       string `json:"id"`
	Address  string `json:"address"`
	Type     string `json:"type"` // ethereum or solana
	Verified bool   `json:"verified"`
}

// CryptoWalletState holds pending sign-in challenges.
type CryptoWalletState struct {
	// Challenges maps "<type>:<address>" to the pending challenge message.
	Challenges map[string]string `json:"challenges"`
}

func (s *CryptoWalletState) ensure() {
	if s.Challenges == nil {
		s.Challenges = map[string]string{}
	}
}
