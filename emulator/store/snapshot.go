package store

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Snapshot returns the whole state as JSON. It contains secrets (session
// tokens, the signing key); treat the file like a credential.
func (s *Store) Snapshot() ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return json.Marshal(s.st)
}

// Restore replaces the state with a Snapshot.
func (s *Store) Restore(data []byte) error {
	var st State
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&st); err != nil {
		return fmt.Errorf("store: decode state: %w", err)
	}
	st.ensure()
	if len(st.Keys) == 0 {
		return errors.New("store: state has no signing key")
	}
	block, _ := pem.Decode([]byte(st.Keys[0].PEM))
	if block == nil {
		return errors.New("store: state signing key is not PEM")
	}
	key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		return fmt.Errorf("store: state signing key: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = &st
	s.key = key
	return nil
}

// SaveFile writes a Snapshot to path atomically (temporary file in the same
// directory, fsync, rename), readable only by the owner.
func (s *Store) SaveFile(path string) error {
	data, err := s.Snapshot()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("store: save state: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("store: save state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("store: save state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("store: save state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("store: save state: %w", err)
	}
	return nil
}

// LoadFile restores the state from a file written by SaveFile. A missing
// file is not an error: ok is false and the state is unchanged.
func (s *Store) LoadFile(path string) (ok bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: load state: %w", err)
	}
	return true, s.Restore(data)
}
