package flows

import (
	"net/mail"
	"regexp"
	"strings"
)

var (
	phonePattern      = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
	externalIDPattern = regexp.MustCompile(`^[A-Za-z0-9._|-]{1,128}$`)
)

// checkEmail answers invalid_email unless addr is a plain address
// (local@domain, with a dot in the domain).
func checkEmail(addr string) error {
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" {
		return BadRequest("invalid_email", "The email address is invalid.")
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 1 || !strings.Contains(addr[at+1:], ".") {
		return BadRequest("invalid_email", "The email address is invalid.")
	}
	return nil
}

// checkPhone answers invalid_phone_number unless number is E.164.
func checkPhone(number string) error {
	if !phonePattern.MatchString(number) {
		return BadRequest("invalid_phone_number", "The phone number is invalid; use E.164 format, e.g. +12025550123.")
	}
	return nil
}

// checkExternalID answers invalid_external_id unless id has 1-128 letters,
// digits, '.', '_', '-' or '|'.
func checkExternalID(id string) error {
	if !externalIDPattern.MatchString(id) {
		return BadRequest("invalid_external_id",
			"external_id must be 1 to 128 characters of letters, digits, '.', '_', '-' or '|'.")
	}
	return nil
}

// mergeMetadata applies an update to metadata: top-level keys in update
// replace those in dst, and a key set to null deletes it.
func mergeMetadata(dst, update map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range update {
		if v == nil {
			delete(dst, k)
		} else {
			dst[k] = v
		}
	}
	return dst
}
