/// Times of day are claimed so that their numbers are not figures; they yield no date:
/// `08:51`, `8:00:24pm`, `alle 14`, `ore 9`, `dalle cinque alle sette`, `alle 9.30`, `3pm`, `9 am`,
/// `alle sette meno un quarto`, `alle cinque e venti`.
struct TimeOfDayRule: DateRule {
    var triggers: [WordRole] { [.clock] }
    var startsAtNumbers: Bool { true }

    func match(_ c: Context, at i: Int) -> DateFound? {
        var last = -1
        if c.isDigits(i), c.digitCount(i) <= 2, c.isPunct(i + 1, ":"), c.glued(i + 1), c.isDigits(i + 2), c.glued(i + 2),
           c.digitCount(i + 2) == 2 {
            last = i + 2
            if c.isPunct(last + 1, ":"), c.glued(last + 1), c.isDigits(last + 2), c.glued(last + 2) { last += 2 }
        } else if c.isDigits(i), c.digitCount(i) <= 2, c.has(i + 1, .meridiem), c.sameLine(i + 1), (c.digitsValue(i) ?? 99) <= 12 {
            last = i
        } else if c.has(i, .clock) {
            var k = i + 1
            if c.isPunct(k, "'") { k += 1 }
            if c.isDigits(k), c.digitCount(k) <= 2, (c.digitsValue(k) ?? 99) <= 24 {
                last = k
                if c.isPunct(k + 1, ".") || c.isPunct(k + 1, ":"), c.glued(k + 1), c.isDigits(k + 2), c.glued(k + 2),
                   c.digitCount(k + 2) == 2 {
                    last = k + 2
                }
            } else if let n = c.cardinal(k), n.value >= 1, n.value <= 24, n.value == n.value.rounded() {
                last = k
                // e mezza / e un quarto / e venti / meno un quarto
                if c.has(k + 1, .and) || c.isWord(k + 1, c.known.meno) {
                    if c.has(k + 2, .half) { last = k + 2 }
                    else if c.isWord(k + 2, c.known.un), c.isWord(k + 3, c.known.quarto) { last = k + 3 }
                    else if c.isWord(k + 2, c.known.quarto) { last = k + 2 }
                    else if let m = c.cardinal(k + 2), m.value < 60, c.has(k + 1, .and) { last = k + 2 }
                }
            } else {
                return nil
            }
        } else {
            return nil
        }
        if c.has(last + 1, .meridiem), c.sameLine(last + 1) { last += 1 }
        c.claim(i, last)
        for t in i...last { c.isTime[t] = true }
        return nil
    }
}
