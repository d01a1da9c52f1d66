package views

// footerDot is the footer's separator between the shop's name, its
// contact and "Payments by Antom": a no-break space before the "·" keeps
// it on the line of the words before it, the space after it is where a
// narrow phone breaks the line — never a line starting with "·" (Thai at
// 390 px did), nor "·" touching the words after it. Written as an
// expression: templ drops the space a template writes before a component.
const footerDot = "\u00a0· "
