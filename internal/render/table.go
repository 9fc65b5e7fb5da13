package render

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// textWidth is the number of terminal cells s takes, for sanitised s.
func textWidth(s string) int {
	cond := runewidth.Condition{StrictEmojiNeutral: true}
	return cond.StringWidth(s)
}

// Table prints header and rows as left-aligned columns separated by two
// spaces, measured in terminal cells, with no trailing spaces. Cells are
// sanitised; rows may be shorter or longer than header. A nil or empty
// header prints no header line; with colour the header is bold.
func (r *Renderer) Table(w io.Writer, header []string, rows [][]string) {
	cells := make([][]string, 0, len(rows)+1)
	if len(header) > 0 {
		cells = append(cells, sanitizeRow(header))
	}
	for _, row := range rows {
		cells = append(cells, sanitizeRow(row))
	}
	widths := columnWidths(cells)
	var b strings.Builder
	for i, row := range cells {
		line := formatRow(row, widths)
		if i == 0 && len(header) > 0 {
			line = r.paint(sgrBold, line)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

func sanitizeRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = Sanitize(c)
	}
	return out
}

func columnWidths(rows [][]string) []int {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], textWidth(c))
		}
	}
	return widths
}

func formatRow(row []string, widths []int) string {
	var b strings.Builder
	for i, c := range row {
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(c)
		if i < len(row)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-textWidth(c)))
		}
	}
	return strings.TrimRight(b.String(), " ")
}
