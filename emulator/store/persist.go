package store

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FormatVersion is the version of the state snapshot format this package
// writes. Version 1 is the unversioned format of earlier releases (read
// as is); a newer version is refused.
const FormatVersion = 2

// DefaultCompactBytes is the journal size past which the state is written
// to a new snapshot and the journal emptied.
const DefaultCompactBytes = 64 << 20

// snapshotFile is the on-disk form of a snapshot: the version, the last
// journal record the snapshot includes, and the state.
type snapshotFile struct {
	FormatVersion int    `json:"format_version"`
	JournalSeq    uint64 `json:"journal_seq"`
	*State
}

// Snapshot returns the whole state as JSON. It contains secrets (session
// tokens, the signing key); treat the file like a credential.
func (s *Store) Snapshot() ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var seq uint64
	if s.j != nil {
		seq = s.j.last()
	}
	return json.Marshal(snapshotFile{FormatVersion: FormatVersion, JournalSeq: seq, State: s.st})
}

// decodeSnapshot parses a Snapshot (or an unversioned file of version 1).
func (s *Store) decodeSnapshot(data []byte) (*State, uint64, error) {
	var head struct {
		FormatVersion *int `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, 0, fmt.Errorf("store: decode state: %w", err)
	}
	if head.FormatVersion != nil && (*head.FormatVersion > FormatVersion || *head.FormatVersion < 1) {
		return nil, 0, fmt.Errorf("store: the state file has format version %d; this emulator reads versions 1 to %d (upgrade the emulator, or start without the file)",
			*head.FormatVersion, FormatVersion)
	}
	st := newState(s.outboxSize)
	file := snapshotFile{State: st}
	if err := decodeJSON(data, &file); err != nil {
		return nil, 0, fmt.Errorf("store: decode state: %w", err)
	}
	st.fixNil()
	if st.Outbox == nil {
		st.Outbox = newOutbox(s.outboxSize)
	}
	st.rebuildIndexes()
	return st, file.JournalSeq, nil
}

// install makes st the state, with its signing key; caller holds mu or
// owns s.
func (s *Store) install(st *State) error {
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
	s.st, s.key = st, key
	return nil
}

// Restore replaces the state with a Snapshot. With a state file, the
// restored state is written to it at once.
func (s *Store) Restore(data []byte) error {
	st, _, err := s.decodeSnapshot(data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	err = s.install(st)
	s.mu.Unlock()
	if err != nil || s.j == nil {
		return err
	}
	return s.Compact()
}

// Open makes the store durable in path: it loads the snapshot at path (if
// there is one), replays the journal "<path>.journal" after it (a torn last
// record, from a crash in the middle of a write, is dropped: its
// transaction was never acknowledged), writes a fresh snapshot and from
// then on appends every committed transaction to the journal, fsynced
// before Update returns. The journal is folded into the snapshot when it
// outgrows Options.CompactBytes and by Close. It logs what it loaded.
// Open must be called once, before the store is used.
func (s *Store) Open(path string) error {
	start := time.Now()
	data, err := os.ReadFile(path)
	loaded := err == nil
	var seq uint64
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return fmt.Errorf("store: load state: %w", err)
	default:
		st, snapSeq, err := s.decodeSnapshot(data)
		if err != nil {
			return fmt.Errorf("%w (%s)", err, path)
		}
		if err := s.install(st); err != nil {
			return fmt.Errorf("%w (%s)", err, path)
		}
		seq = snapSeq
	}
	jpath := path + ".journal"
	replayed, dropped, err := readJournal(jpath, func(rec record) error {
		if rec.Seq <= seq {
			return nil // already in the snapshot
		}
		if err := s.replay(rec); err != nil {
			return err
		}
		seq = rec.Seq
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: replay %s: %w", jpath, err)
	}
	if dropped > 0 {
		s.log.Warn("emulator state journal had a torn last record (a write cut by a crash, never acknowledged); dropped it",
			"path", jpath, "bytes", dropped)
	}
	j, err := openJournal(jpath, seq)
	if err != nil {
		return fmt.Errorf("store: open journal: %w", err)
	}
	s.path, s.j = path, j
	s.mu.RLock()
	users, msgs := s.st.Users.Len(), s.st.Outbox.Len()
	s.mu.RUnlock()
	s.log.Info("emulator state loaded", "path", path, "snapshot", loaded, "records_replayed", replayed,
		"users", users, "messages", msgs, "duration", time.Since(start).Round(time.Microsecond))
	return s.Compact()
}

// replay applies one journal record while loading.
func (s *Store) replay(rec record) error {
	st := s.st
	switch {
	case rec.Reset:
		s.resetLocked()
		return nil
	case rec.Clock != nil:
		st.ClockOffset = *rec.Clock
		return nil
	}
	if rec.Policy != nil {
		rec.Policy.apply(st)
	}
	st.tr.writing = true
	defer func() { st.tr.writing = false }()
	for _, op := range rec.Ops {
		t, ok := st.tr.tables[op.Table]
		if !ok {
			st.rollback()
			return fmt.Errorf("record %d names an unknown table %q", rec.Seq, op.Table)
		}
		if err := t.apply(op); err != nil {
			st.rollback()
			return err
		}
	}
	st.tr.journaling = false
	for _, t := range st.tr.dirty {
		_, _ = t.commit(nil)
	}
	st.tr.dirty = st.tr.dirty[:0]
	for _, m := range rec.Sent {
		st.Outbox.add(m)
	}
	return nil
}

// Compact writes the state to a new snapshot (temporary file, fsync,
// rename, directory fsync) and drops the journal records it includes. A
// no-op without a state file.
func (s *Store) Compact() error {
	if s.j == nil {
		return nil
	}
	s.compacting.Lock()
	defer s.compacting.Unlock()
	start := time.Now()
	// Everything committed so far goes into the snapshot: take it under the
	// lock, with the journal flushed up to the same record.
	s.mu.Lock()
	seq := s.j.last()
	if err := s.j.wait(seq); err != nil {
		s.mu.Unlock()
		return err
	}
	keepFrom := s.j.pending()
	data, err := json.Marshal(snapshotFile{FormatVersion: FormatVersion, JournalSeq: seq, State: s.st})
	users := s.st.Users.Len()
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("store: encode state: %w", err)
	}
	if err := writeAtomic(s.path, data); err != nil {
		return fmt.Errorf("store: save state: %w", err)
	}
	if err := s.j.rewrite(keepFrom); err != nil {
		return err
	}
	s.log.Info("emulator state saved", "path", s.path, "bytes", len(data), "users", users, "journal_seq", seq,
		"duration", time.Since(start).Round(time.Microsecond))
	return nil
}

// maybeCompact starts a compaction in the background when the journal has
// outgrown its bound.
func (s *Store) maybeCompact() {
	if s.j.pending() < s.compactBytes || !s.compactBusy.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.compactBusy.Store(false)
		if err := s.Compact(); err != nil {
			s.log.Error("emulator state compaction failed", "path", s.path, "error", err)
		}
	}()
}

// Close writes a final snapshot and closes the journal; a no-op without a
// state file. The store must not be changed afterwards.
func (s *Store) Close() error {
	if s.j == nil {
		return nil
	}
	err := s.Compact()
	return errors.Join(err, s.j.close())
}

// SaveFile writes a Snapshot to path atomically (temporary file in the same
// directory, fsync, rename, directory fsync), readable only by the owner.
func (s *Store) SaveFile(path string) error {
	data, err := s.Snapshot()
	if err != nil {
		return err
	}
	if err := writeAtomic(path, data); err != nil {
		return fmt.Errorf("store: save state: %w", err)
	}
	return nil
}

// writeAtomic replaces path with data: temporary file in the same
// directory, fsync, rename, fsync of the directory.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// LoadFile restores the state from a file written by SaveFile (without
// making the store durable; see Open). A missing file is not an error: ok
// is false and the state is unchanged.
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

// The write checker: in test binaries (not benchmarks), every Update on a
// small state verifies that the callback changed no entity it did not Get
// or Put, a change that would escape rollback, the journal and the
// indexes.
const checkWritesLimit = 64

func checkWritesInTests() bool {
	if !testing.Testing() {
		return false
	}
	f := flag.Lookup("test.bench")
	return f == nil || f.Value.String() == ""
}

// entityCount returns the number of entities in every table.
func (s *State) entityCount() int {
	n := 0
	for _, t := range s.tr.tables {
		n += t.size()
	}
	return n
}

func (s *State) encodeAll() map[string]map[string][]byte {
	out := make(map[string]map[string][]byte, len(s.tr.tables))
	for name, t := range s.tr.tables {
		out[name] = t.encodeAll()
	}
	return out
}

func (s *State) checkUntouched(before map[string]map[string][]byte) error {
	for name, t := range s.tr.tables {
		if err := t.checkUntouched(before[name]); err != nil {
			return err
		}
	}
	return nil
}

// rollback undoes every change of the running transaction.
func (s *State) rollback() {
	for _, t := range s.tr.dirty {
		t.rollback()
	}
	s.tr.dirty = s.tr.dirty[:0]
}

// fixNil replaces the tables a snapshot set to null with empty ones.
func (s *State) fixNil() {
	fix(&s.Users, s.tr, "users")
	fix(&s.Sessions, s.tr, "sessions")
	fix(&s.MagicLinks, s.tr, "magic_links")
	fix(&s.OTPs, s.tr, "otps")
	fix(&s.PasswordResets, s.tr, "password_resets")
	fix(&s.WebAuthn.Challenges, s.tr, "webauthn.challenges")
	fix(&s.Wallets.Challenges, s.tr, "wallets.challenges")
	fix(&s.OAuth.Tokens, s.tr, "oauth.tokens")
	fix(&s.OAuth.AttachTokens, s.tr, "oauth.attach_tokens")
	fix(&s.M2M.Clients, s.tr, "m2m.clients")
	fix(&s.ConnectedApps.Clients, s.tr, "connected_apps.clients")
	fix(&s.ConnectedApps.Grants, s.tr, "connected_apps.grants")
	fix(&s.IDP.Codes, s.tr, "idp.codes")
	fix(&s.IDP.Tokens, s.tr, "idp.tokens")
	fix(&s.Fraud.Rules, s.tr, "fraud.rules")
	fix(&s.Fraud.Telemetry, s.tr, "fraud.telemetry")
	fix(&s.Fraud.Overrides, s.tr, "fraud.overrides")
	fix(&s.Impersonation.Tokens, s.tr, "impersonation.tokens")
	fix(&s.External.IDPTokens, s.tr, "external.idp_tokens")
	fix(&s.External.TrustedProfiles, s.tr, "external.trusted_profiles")
	s.B2B.fixNil(s.tr)
	s.B2BFactors.fixNil(s.tr)
}

func fix[V any](p **Table[V], tr *tracker, name string) {
	if *p == nil {
		t := tr.tables[name].(*Table[V])
		t.m = map[string]*V{}
		*p = t
	}
}
