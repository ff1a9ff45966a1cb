package speccompare

import (
	"bufio"
	"io"
)

// aspectWidth aligns the field column of WriteGrouped.
const aspectWidth = len(AspectMissingOperation)

// WriteGrouped writes ds (sorted by SortDifferences) grouped by operation:
// a line naming the operation, then one indented line per difference with
// its aspect, location and detail:
//
//	POST /v1/users
//	  required-ours      response.user.name
//	  status             response: theirs 200, ours 201
//
// With limit > 0 it stops after limit differences and returns how many it
// left out.
func WriteGrouped(w io.Writer, ds []Difference, limit int) (omitted int, err error) {
	bw := bufio.NewWriter(w)
	last := ""
	for i, d := range ds {
		if limit > 0 && i == limit {
			omitted = len(ds) - limit
			break
		}
		if op := d.Operation(); op != last {
			last = op
			bw.WriteString(op)
			bw.WriteString("\n")
		}
		bw.WriteString("  ")
		bw.WriteString(string(d.Aspect))
		loc := d.Location()
		if loc != "" || d.Detail != "" {
			for n := len(d.Aspect); n < aspectWidth+2; n++ {
				bw.WriteByte(' ')
			}
		}
		bw.WriteString(loc)
		if d.Detail != "" {
			if loc != "" {
				bw.WriteString(": ")
			}
			bw.WriteString(d.Detail)
		}
		bw.WriteString("\n")
	}
	return omitted, bw.Flush()
}
