package flows

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stytchkit/stytchkit/emulator/internal/wallet"
	"github.com/stytchkit/stytchkit/emulator/store"
)

// WalletChallengeTTL is how long a sign-in challenge may wait for its
// signature. Stytch does not document it; ten minutes leaves a user time to
// confirm in a wallet app.
const WalletChallengeTTL = 10 * time.Minute

// siweNonceLen is the length of an EIP-4361 nonce (alphanumeric, at least 8).
const siweNonceLen = 16

// SIWEInput is the siwe_params of authenticate/start (ethereum only).
type SIWEInput struct {
	Domain, URI                          string
	ChainID, Statement, MessageRequestID *string
	IssuedAt, NotBefore                  *time.Time
	Resources                            []string
}

// WalletStartInput is a crypto wallet authenticate/start request. The user
// is named by UserID, or by a session (SessionToken/SessionJWT); without
// either the wallet's owner is used, or a new user is created.
type WalletStartInput struct {
	Type, Address                    string
	UserID, SessionToken, SessionJWT *string
	SIWE                             *SIWEInput
}

// WalletStarted is the result of StartWalletAuth.
type WalletStarted struct {
	Challenge, UserID string
	UserCreated       bool
}

// StartWalletAuth issues the message a wallet must sign
// (CryptoWalletsAuthenticateStart): "Signing in with Project: <project_id>"
// plus a nonce, or an EIP-4361 message built from SIWE. A wallet new to the
// project is registered (unverified) to the named user or to a new user.
func (s *Service) StartWalletAuth(in WalletStartInput) (*WalletStarted, error) {
	addr, err := wallet.NormalizeAddress(in.Type, in.Address)
	if err != nil {
		return nil, E(ErrInvalidCryptoWalletAddress, "crypto_wallet_address is not a valid %s address.", in.Type)
	}
	if in.SIWE != nil && in.Type != wallet.TypeEthereum {
		return nil, E(ErrInvalidSIWEParams, "siwe_params are only supported for ethereum wallets.")
	}
	var out WalletStarted
	err = s.Store.Update(func(tx *store.Tx) error {
		named, err := s.namedUser(tx, in.UserID, in.SessionToken, in.SessionJWT)
		if err != nil {
			return err
		}
		owner, _ := walletOwner(tx, in.Type, addr)
		u := owner
		switch {
		case owner != nil && named != nil && owner.ID != named.ID:
			return E(ErrDuplicateCryptoWallet, "This crypto wallet is registered to another user.")
		case owner == nil && named != nil:
			u = named
		case owner == nil:
			if u, err = s.newUser(tx, NewUserInput{}); err != nil {
				return err
			}
			out.UserCreated = true
		}
		ch := store.WalletChallenge{Type: in.Type, Address: addr, UserID: u.ID, CreatedAt: tx.Now,
			ExpiresAt: tx.Now.Add(WalletChallengeTTL)}
		if in.SIWE != nil {
			msg, err := siweMessage(in.SIWE, addr, tx.Now)
			if err != nil {
				return err
			}
			ch.SIWE, ch.Message = msg, siweText(msg, addr)
		} else {
			ch.Message = "Signing in with Project: " + s.ProjectID + "\nNonce: " + store.NewToken()
		}
		if owner == nil {
			u.Wallets = append(u.Wallets, store.CryptoWallet{ID: tx.NewID(store.KindCryptoWallet), Address: addr, Type: in.Type})
		}
		tx.Wallets.Challenges.Put(store.WalletKey(in.Type, addr), &ch)
		out.Challenge, out.UserID = ch.Message, u.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// WalletAuthInput is a crypto wallet authenticate request.
type WalletAuthInput struct {
	Type, Address, Signature string
	Session                  SessionRequest
}

// AuthenticateWallet verifies the signature of the pending challenge
// (CryptoWalletsAuthenticate). The challenge is spent by any attempt; a bad
// signature answers 401 unable_to_auth_crypto_wallet and counts toward the
// user's lockout. It returns the SIWE fields when the challenge was a SIWE
// message.
func (s *Service) AuthenticateWallet(in WalletAuthInput) (*Auth, *store.SIWEMessage, error) {
	addr, err := wallet.NormalizeAddress(in.Type, in.Address)
	if err != nil {
		return nil, nil, E(ErrInvalidCryptoWalletAddress, "crypto_wallet_address is not a valid %s address.", in.Type)
	}
	var out Auth
	var siwe *store.SIWEMessage
	err = s.Store.Update(func(tx *store.Tx) error {
		u, w := walletOwner(tx, in.Type, addr)
		if u == nil {
			return E(ErrCryptoWalletNotFound, "Crypto wallet could not be found.")
		}
		if err := checkLock(tx, u); err != nil {
			return err
		}
		key := store.WalletKey(in.Type, addr)
		ch := tx.Wallets.Challenges.Get(key)
		// Single use, whatever happens next.
		tx.KeepOnError(func(tx *store.Tx) { tx.Wallets.Challenges.Delete(key) })
		if ch == nil || !tx.Now.Before(ch.ExpiresAt) {
			return E(ErrUnableToAuthCryptoWallet,
				"There is no pending challenge for this wallet (used or expired); call authenticate/start first.")
		}
		valid, verr := wallet.Verify(in.Type, addr, ch.Message, in.Signature)
		if verr != nil && !errors.Is(verr, wallet.ErrInvalidSignature) {
			return verr // an address that NormalizeAddress accepted; unreachable
		}
		if !valid {
			s.Fail(tx, u)
			return E(ErrUnableToAuthCryptoWallet, "The signature does not match the challenge and wallet.")
		}
		f := NewFactor(tx.Now, "crypto", "crypto_wallet", "crypto_wallet_factor", map[string]any{
			"crypto_wallet_id": w.ID, "crypto_wallet_address": w.Address, "crypto_wallet_type": w.Type})
		out.MethodID, siwe = w.ID, ch.SIWE
		return s.attachThen(tx, u, f, in.Session, &out, func() { w.Verified = true })
	})
	if err != nil {
		return nil, nil, err
	}
	return &out, siwe, s.Finish(&out)
}

// namedUser returns the user named by user_id or by a session, nil when
// neither is given.
func (s *Service) namedUser(tx *store.Tx, userID, token, jwt *string) (*store.User, error) {
	var u *store.User
	if token != nil || jwt != nil {
		sess, err := s.lookupSession(tx, token, jwt)
		if err != nil {
			return nil, err
		}
		u = tx.Users.Get(sess.UserID)
	}
	if userID != nil {
		byID := tx.User(*userID)
		if byID == nil {
			return nil, ErrUserNotFound.New()
		}
		if u != nil && u.ID != byID.ID {
			return nil, E(ErrSessionUserMismatch, "The session belongs to a different user.")
		}
		u = byID
	}
	return u, nil
}

// walletOwner finds the user holding a wallet (canonical address) and the
// wallet itself.
func walletOwner(tx *store.Tx, typ, addr string) (*store.User, *store.CryptoWallet) {
	u := tx.UserByWallet(addr)
	if u == nil {
		return nil, nil
	}
	for i := range u.Wallets {
		if w := &u.Wallets[i]; w.Type == typ && w.Address == addr {
			return u, w
		}
	}
	return nil, nil
}

// siweMessage validates siwe_params and fills the defaults.
func siweMessage(in *SIWEInput, addr string, now time.Time) (*store.SIWEMessage, error) {
	bad := func(format string, args ...any) error { return E(ErrInvalidSIWEParams, format, args...) }
	if in.Domain == "" || strings.ContainsAny(in.Domain, " /\n") {
		return nil, bad("siwe_params.domain must be an RFC 3986 authority such as example.com.")
	}
	if u, err := url.Parse(in.URI); err != nil || u.Scheme == "" {
		return nil, bad("siwe_params.uri must be an absolute RFC 3986 URI.")
	}
	m := &store.SIWEMessage{Domain: in.Domain, URI: in.URI, ChainID: "1", Nonce: siweNonce(), IssuedAt: now,
		Statement: deref(in.Statement), MessageRequestID: deref(in.MessageRequestID), Resources: append([]string{}, in.Resources...)}
	if in.ChainID != nil {
		if n, err := strconv.ParseInt(*in.ChainID, 10, 64); err != nil || n < 1 || n > 9223372036854775771 {
			return nil, bad("siwe_params.chain_id must be a decimal integer between 1 and 9223372036854775771.")
		}
		m.ChainID = *in.ChainID
	}
	if strings.ContainsAny(m.Statement, "\n\r") {
		return nil, bad("siwe_params.statement must not contain line breaks.")
	}
	for _, r := range m.Resources {
		if u, err := url.Parse(r); err != nil || u.Scheme == "" {
			return nil, bad("siwe_params.resources must be absolute RFC 3986 URIs.")
		}
	}
	if in.IssuedAt != nil {
		m.IssuedAt = in.IssuedAt.UTC()
	}
	if in.NotBefore != nil {
		m.NotBefore = in.NotBefore.UTC()
	}
	return m, nil
}

// siweText renders an EIP-4361 message, line by line as the ABNF orders it.
func siweText(m *store.SIWEMessage, addr string) string {
	var b strings.Builder
	b.WriteString(m.Domain + " wants you to sign in with your Ethereum account:\n" + addr + "\n\n")
	if m.Statement != "" {
		b.WriteString(m.Statement + "\n")
	}
	b.WriteString("\nURI: " + m.URI + "\nVersion: 1\nChain ID: " + m.ChainID + "\nNonce: " + m.Nonce +
		"\nIssued At: " + m.IssuedAt.Format(time.RFC3339))
	if !m.NotBefore.IsZero() {
		b.WriteString("\nNot Before: " + m.NotBefore.Format(time.RFC3339))
	}
	if m.MessageRequestID != "" {
		b.WriteString("\nRequest ID: " + m.MessageRequestID)
	}
	if len(m.Resources) > 0 {
		b.WriteString("\nResources:")
		for _, r := range m.Resources {
			b.WriteString("\n- " + r)
		}
	}
	return b.String()
}

func siweNonce() string {
	b := make([]byte, siweNonceLen)
	for i := range b {
		b[i] = recoveryCodeAlphabet[randIndex(len(recoveryCodeAlphabet))]
	}
	return string(b)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
