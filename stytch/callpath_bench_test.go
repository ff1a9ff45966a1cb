package stytch

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/stytchkit/stytchkit/gen"
)

// The call-path benchmarks compare Users.Get with the least a caller could
// write by hand: a net/http GET with Basic auth whose body is decoded into
// the same generated type. The server runs in a separate process (this test
// binary, re-executed) so that its allocations are not counted: -benchmem
// and runtime.MemStats see only the client side.

// envUsersServer, when set to 1, makes TestCallPathServerProcess serve
// testdata/users_get.json on loopback until its standard input closes.
const envUsersServer = "STYTCHKIT_USERS_SERVER_PROCESS"

// benchUserID is the user the benchmarks ask for.
const benchUserID = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6"

// TestCallPathServerProcess is not a test: it is the server process of the
// call-path benchmarks (see startUsersServer) and returns at once otherwise.
func TestCallPathServerProcess(t *testing.T) {
	if os.Getenv(envUsersServer) != "1" {
		return
	}
	body, err := os.ReadFile("testdata/users_get.json")
	if err != nil {
		t.Fatal(err)
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testProjectID+":"+testSecret))
	length := fmt.Sprint(len(body))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Header.Get("Authorization") != auth:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"status_code":401,"request_id":"request-id-test-0","error_type":"unauthorized_credentials",`+
				`"error_message":"Unauthorized credentials.","error_url":"https://stytch.com/docs/api/errors/401"}`)
		case r.Method != http.MethodGet || r.URL.Path != "/v1/users/"+benchUserID:
			http.NotFound(w, r)
		default:
			w.Header()["Content-Type"] = []string{"application/json"}
			w.Header()["Content-Length"] = []string{length}
			_, _ = w.Write(body)
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(ln) }()
	fmt.Println(ln.Addr().String())
	_, _ = io.Copy(io.Discard, os.Stdin) // until the benchmark process closes it (or dies)
	_ = srv.Close()
}

// startUsersServer starts the server process and returns its base URL. The
// process ends when tb's cleanup closes its standard input.
func startUsersServer(tb testing.TB) string {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCallPathServerProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envUsersServer+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	tb.Cleanup(func() {
		_ = stdin.Close()
		_, _ = io.Copy(io.Discard, out)
		_ = cmd.Wait()
	})
	line, err := out.ReadString('\n')
	if err != nil {
		tb.Fatalf("server process: %v", err)
	}
	return "http://" + strings.TrimSpace(line)
}

// usersGetBench holds both sides of the comparison, bound to one server.
type usersGetBench struct {
	client *Client      // default options: retries, timeout, no logger
	raw    *http.Client // what a hand-written call would use
	url    string       // of the raw GET
	params *UsersGetParams
}

func newUsersGetBench(tb testing.TB) *usersGetBench {
	tb.Helper()
	base := startUsersServer(tb)
	c, err := NewClient(testProjectID, testSecret, WithBaseURL(base))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	if err := strictFixture(); err != nil {
		tb.Fatal(err)
	}
	ub := &usersGetBench{client: c, raw: &http.Client{}, url: base + "/v1/users/" + benchUserID,
		params: &UsersGetParams{UserID: benchUserID}}
	// Both sides get a warm connection, and the answers must agree.
	got, err := ub.viaClient(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	want, err := ub.viaDecoder(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if len(got.Emails) != 2 || len(want.Emails) != 2 || got.Name == nil || *got.Name.FirstName != *want.Name.FirstName {
		tb.Fatalf("answers differ or are incomplete: %+v vs %+v", got, want)
	}
	return ub
}

// strictFixture checks that every field of the served body is one of
// gen.UsersGetResponse, so that both sides decode all of it.
func strictFixture() error {
	f, err := os.Open("testdata/users_get.json")
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	var v gen.UsersGetResponse
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("testdata/users_get.json: %w", err)
	}
	return nil
}

func (ub *usersGetBench) viaClient(ctx context.Context) (*UsersGetResponse, error) {
	return ub.client.Users.Get(ctx, ub.params)
}

// rawDo sends the hand-written GET and checks its status; the caller decodes
// and closes the body.
func (ub *usersGetBench) rawDo(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ub.url, nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(testProjectID, testSecret)
	resp, err := ub.raw.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		_ = resp.Body.Close()
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return resp, nil
}

// viaDecoder is the raw GET decoded with json.NewDecoder(resp.Body). The
// body is drained before Close so that the connection is reused.
func (ub *usersGetBench) viaDecoder(ctx context.Context) (*gen.UsersGetResponse, error) {
	resp, err := ub.rawDo(ctx)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	v := new(gen.UsersGetResponse)
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return v, nil
}

// viaReadAll is the raw GET read with io.ReadAll, then json.Unmarshal.
func (ub *usersGetBench) viaReadAll(ctx context.Context) (*gen.UsersGetResponse, error) {
	resp, err := ub.rawDo(ctx)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	v := new(gen.UsersGetResponse)
	if err := json.Unmarshal(body, v); err != nil {
		return nil, err
	}
	return v, nil
}

// BenchmarkUsersGet is Users.Get through the client with default options.
func BenchmarkUsersGet(b *testing.B) {
	ub := newUsersGetBench(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ub.viaClient(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUsersGetParallel is Users.Get from GOMAXPROCS goroutines sharing
// one client (and, under -race, checks that they may).
func BenchmarkUsersGetParallel(b *testing.B) {
	ub := newUsersGetBench(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			u, err := ub.viaClient(ctx)
			if err != nil {
				b.Error(err)
				return
			}
			if u.UserID != benchUserID || len(u.PhoneNumbers) != 2 {
				b.Errorf("unexpected answer %+v", u)
				return
			}
		}
	})
}

// BenchmarkRawGet is the hand-written GET, decoded both ways a caller would
// write it: Decoder streams from the body, ReadAll buffers it first.
func BenchmarkRawGet(b *testing.B) {
	ub := newUsersGetBench(b)
	ctx := context.Background()
	for _, v := range []struct {
		name string
		get  func(context.Context) (*gen.UsersGetResponse, error)
	}{{"Decoder", ub.viaDecoder}, {"ReadAll", ub.viaReadAll}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := v.get(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// allocDelta holds what a block of calls allocated.
type allocDelta struct{ mallocs, bytes, ops uint64 }

func (d allocDelta) perOp() (allocs, bytes float64) {
	return float64(d.mallocs) / float64(d.ops), float64(d.bytes) / float64(d.ops)
}

// measure runs n calls of f and adds their allocations (as -benchmem counts
// them: every goroutine of the process) to d.
func (d *allocDelta) measure(tb testing.TB, n int, f func() error) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		if err := f(); err != nil {
			tb.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	d.mallocs += after.Mallocs - before.Mallocs
	d.bytes += after.TotalAlloc - before.TotalAlloc
	d.ops += uint64(n)
}

// overRaw interleaves blocks of Users.Get and of the raw GET (both
// decodings) while blocks returns true, and returns what each allocated.
func (ub *usersGetBench) overRaw(tb testing.TB, blocks func() bool) (client, decoder, readAll allocDelta) {
	ctx := context.Background()
	const block = 20
	for blocks() {
		client.measure(tb, block, func() error { _, err := ub.viaClient(ctx); return err })
		decoder.measure(tb, block, func() error { _, err := ub.viaDecoder(ctx); return err })
		readAll.measure(tb, block, func() error { _, err := ub.viaReadAll(ctx); return err })
	}
	return client, decoder, readAll
}

// BenchmarkUsersGetOverRaw reports what Users.Get allocates beyond the raw
// GET read with io.ReadAll and decoded with json.Unmarshal, measured in
// interleaved blocks of the same run: extra-allocs/op and extra-B/op. That
// raw GET is the floor: it allocates as often as the json.Decoder one and
// fewer bytes (the decoder's buffer grows more), and it decodes the way the
// client does, so the difference is the call path alone. The three sides'
// own figures are reported too.
func BenchmarkUsersGetOverRaw(b *testing.B) {
	ub := newUsersGetBench(b)
	client, decoder, readAll := ub.overRaw(b, b.Loop)
	ca, cb := client.perOp()
	da, db := decoder.perOp()
	ra, rb := readAll.perOp()
	b.ReportMetric(ca-ra, "extra-allocs/op")
	b.ReportMetric(cb-rb, "extra-B/op")
	b.ReportMetric(ca, "client-allocs/op")
	b.ReportMetric(ra, "readall-allocs/op")
	b.ReportMetric(da, "decoder-allocs/op")
	b.ReportMetric(cb, "client-B/op")
	b.ReportMetric(rb, "readall-B/op")
	b.ReportMetric(db, "decoder-B/op")
}

// usersGetAllocBudget is how many allocations Users.Get may make beyond the
// raw GET it is measured against.
const usersGetAllocBudget = 15

// TestUsersGetAllocBudget keeps the call path within usersGetAllocBudget
// allocations of the raw GET (BenchmarkUsersGetOverRaw gives the figure).
// Allocation counts do not depend on the machine's speed; the race
// detector changes them (sync.Pool drops items at random), so it is skipped
// there.
func TestUsersGetAllocBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	if testing.Short() {
		t.Skip("starts a server process")
	}
	ub := newUsersGetBench(t)
	n := 0
	client, _, readAll := ub.overRaw(t, func() bool { n++; return n <= 5 })
	ca, cb := client.perOp()
	ra, rb := readAll.perOp()
	t.Logf("Users.Get %.1f allocs/op %.0f B/op; raw GET %.1f allocs/op %.0f B/op", ca, cb, ra, rb)
	if ca-ra > usersGetAllocBudget {
		t.Errorf("Users.Get makes %.1f allocations per call beyond the raw GET; the budget is %d", ca-ra, usersGetAllocBudget)
	}
}
