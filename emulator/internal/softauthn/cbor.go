package softauthn

import (
	"encoding/binary"
)

// CBOR major types (RFC 8949 §3.1) used by the encoder.
const (
	cborUint  = 0
	cborNeg   = 1
	cborBytes = 2
	cborText  = 3
	cborMap   = 5
)

// COSE labels and values for an EC2 P-256 ES256 key (RFC 9052/9053).
const (
	coseKeyType     = 1
	coseKeyAlg      = 3
	coseEC2Curve    = -1
	coseEC2X        = -2
	coseEC2Y        = -3
	coseKeyTypeEC2  = 2
	coseAlgES256    = -7
	coseCurveP256   = 1
	p256CoordLength = 32
)

// cborWriter is the minimal CBOR encoder this package needs: integers,
// byte strings, text strings and definite-length maps. Callers emit map
// entries already in CTAP2 canonical order (shorter encoded key first, then
// bytewise), which is what authenticators produce and verifiers expect.
type cborWriter struct {
	buf []byte
}

// head writes a major type with its argument in the shortest form.
func (w *cborWriter) head(major byte, n uint64) {
	m := major << 5
	switch {
	case n < 24:
		w.buf = append(w.buf, m|byte(n))
	case n <= 0xff:
		w.buf = append(w.buf, m|24, byte(n))
	case n <= 0xffff:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, m|25), uint16(n))
	case n <= 0xffffffff:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, m|26), uint32(n))
	default:
		w.buf = binary.BigEndian.AppendUint64(append(w.buf, m|27), n)
	}
}

// int writes a signed integer as major type 0 or 1.
func (w *cborWriter) int(n int64) {
	if n >= 0 {
		w.head(cborUint, uint64(n))
		return
	}
	w.head(cborNeg, uint64(-(n + 1)))
}

// bytes writes a byte string.
func (w *cborWriter) bytes(b []byte) {
	w.head(cborBytes, uint64(len(b)))
	w.buf = append(w.buf, b...)
}

// text writes a UTF-8 text string.
func (w *cborWriter) text(s string) {
	w.head(cborText, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// mapHeader starts a map of n key/value pairs.
func (w *cborWriter) mapHeader(n int) {
	w.head(cborMap, uint64(n)) // n is a small, non-negative entry count
}

// coseES256Key encodes an uncompressed P-256 point (0x04||X||Y) as a COSE_Key
// map {1: 2, 3: -7, -1: 1, -2: X, -3: Y}.
func coseES256Key(uncompressed []byte) []byte {
	x := uncompressed[1 : 1+p256CoordLength]
	y := uncompressed[1+p256CoordLength:]
	var w cborWriter
	w.mapHeader(5)
	w.int(coseKeyType)
	w.int(coseKeyTypeEC2)
	w.int(coseKeyAlg)
	w.int(coseAlgES256)
	w.int(coseEC2Curve)
	w.int(coseCurveP256)
	w.int(coseEC2X)
	w.bytes(x)
	w.int(coseEC2Y)
	w.bytes(y)
	return w.buf
}

// noneAttestationObject encodes {"fmt": "none", "attStmt": {}, "authData": authData}.
func noneAttestationObject(authData []byte) []byte {
	var w cborWriter
	w.mapHeader(3)
	w.text("fmt")
	w.text("none")
	w.text("attStmt")
	w.mapHeader(0)
	w.text("authData")
	w.bytes(authData)
	return w.buf
}
