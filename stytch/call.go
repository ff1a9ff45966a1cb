package stytch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/stytchkit/stytchkit/gen"
)

// sendFunc issues one generated-client call; ctx carries the callState.
type sendFunc func(ctx context.Context, ed ...gen.RequestEditorFn) (*http.Response, error)

// result is a decoded 2xx answer plus what the claims helpers need.
type result[T any] struct {
	value  *T
	status int
	body   []byte
}

// call validates params, sends, and turns the answer into *T or an error:
// 2xx bodies decode into T, other statuses become *APIError. params is nil
// for operations without input; a typed nil pointer is a *ValidationError,
// and so is an empty string field tagged `path:"…"`.
func call[T any](ctx context.Context, c *Client, params any, send sendFunc) (*T, error) {
	r, err := exchange[T](ctx, c, false, params, send)
	if err != nil {
		return nil, err
	}
	return r.value, nil
}

// callPublic is call for the /v1/public oauth2 endpoints: no Basic auth, and
// error bodies become *OAuth2Error.
func callPublic[T any](ctx context.Context, c *Client, params any, send sendFunc) (*T, error) {
	r, err := exchange[T](ctx, c, true, params, send)
	if err != nil {
		return nil, err
	}
	return r.value, nil
}

func exchange[T any](ctx context.Context, c *Client, public bool, params any, send sendFunc) (*result[T], error) {
	if ctx == nil {
		return nil, &ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	if err := validate(params); err != nil {
		return nil, err
	}
	st := &callState{public: public}
	resp, err := send(withCallState(ctx, st))
	if err != nil {
		var te *TransportError
		if !errors.As(err, &te) {
			err = fmt.Errorf("stytch: building request: %w", err)
		}
		return nil, withAttempts(st, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.tr.maxBody+1))
	if err != nil {
		return nil, withAttempts(st, &DecodeError{StatusCode: resp.StatusCode, Err: err})
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, withAttempts(st, responseError(resp, body, public, c.creds.redact))
	}
	if int64(len(body)) > c.tr.maxBody {
		return nil, withAttempts(st, &DecodeError{StatusCode: resp.StatusCode,
			Err: fmt.Errorf("response body exceeds %d bytes", c.tr.maxBody)})
	}
	v := new(T)
	if err := json.Unmarshal(body, v); err != nil {
		return nil, withAttempts(st, &DecodeError{StatusCode: resp.StatusCode, Err: err})
	}
	return &result[T]{value: v, status: resp.StatusCode, body: body}, nil
}

// withAttempts wraps err in *RetryError when more than one attempt was made.
func withAttempts(st *callState, err error) error {
	if st.attempts > 1 {
		return &RetryError{Attempts: st.attempts, Err: err}
	}
	return err
}

// responseError maps a non-2xx answer to *OAuth2Error (public endpoints with
// an OAuth2 body) or *APIError (everything else, JSON or not).
func responseError(resp *http.Response, body []byte, public bool, redact []string) error {
	if public {
		var oe gen.OAuth2Error
		if json.Unmarshal(body, &oe) == nil && oe.Error != "" {
			return &OAuth2Error{StatusCode: resp.StatusCode, Code: oe.Error, Description: deref(oe.ErrorDescription),
				URI: deref(oe.ErrorUri), RequestID: deref(oe.RequestId)}
		}
	}
	var ge gen.Error
	if json.Unmarshal(body, &ge) == nil && ge.ErrorType != "" {
		return &APIError{StatusCode: resp.StatusCode, RequestID: ge.RequestId, ErrorType: ge.ErrorType,
			ErrorMessage: ge.ErrorMessage, ErrorURL: ge.ErrorUrl, ErrorDetails: deref(ge.ErrorDetails),
			body: excerpt(body, redact...)}
	}
	return &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("Request-Id"), body: excerpt(body, redact...)}
}

// validate rejects a typed nil params pointer and empty string fields tagged
// `path` or `query` (path ids and required query parameters).
func validate(params any) error {
	if params == nil {
		return nil
	}
	v := reflect.ValueOf(params)
	if v.Kind() != reflect.Pointer {
		return nil
	}
	if v.IsNil() {
		return &ValidationError{Field: "params", Reason: "must not be nil"}
	}
	v = v.Elem()
	if v.Kind() != reflect.Struct {
		return nil
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		_, inPath := f.Tag.Lookup("path")
		_, inQuery := f.Tag.Lookup("query")
		if (inPath || inQuery) && f.Type.Kind() == reflect.String && v.Field(i).String() == "" {
			return &ValidationError{Field: f.Name, Reason: "must not be empty"}
		}
	}
	return nil
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
