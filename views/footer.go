package views

// footerDot is the footer's separator between the shop's name, its
// contact and "Payments by Antom": a no-break space before the "·" keeps
// it on the line of the words before it, the space after it is where a
// narrow phone breaks the line — never a line starting with "·" (Thai at
// 390 px did), nor "·" touching the words after it. Written as an
// expression: templ drops the space a template writes before a component.
const footerDot = "\u00a0· "

// footerDotGlued is footerDot without its space, for after the contact:
// glued to the contact's link (withTail), whose box does not wrap, so
// the space that lets the line break goes after that box instead (in it,
// the line could not break before "Payments by Antom" and the page
// scrolled sideways on a phone).
const footerDotGlued = "\u00a0·"

// withTail is parts with tail after the last of them: in its Trail when
// it is a link, so that glued keeps tail on the link's line (a line may
// break after an address kept whole, an inline block, even before a
// no-break space: Thai's "·" started a line at 390 px), else after its
// words. parts are linkParts', a copy of its kept ones (glueLinks).
func withTail(parts []part, tail string) []part {
	if tail == "" || len(parts) == 0 {
		return parts
	}
	last := &parts[len(parts)-1]
	if last.Link != 0 {
		last.Trail += tail
	} else {
		last.Words += tail
	}
	return parts
}
