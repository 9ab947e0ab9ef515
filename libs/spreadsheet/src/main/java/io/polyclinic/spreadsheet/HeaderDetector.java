package io.polyclinic.spreadsheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the header row among a sheet's first rows. Spreadsheets made by people often start with a title, a date or
 * notes, so the header is not always row 1. The header is the first row that (a) has at least two text cells, or one
 * when the sheet has a single column, (b) has mostly text cells and no more than one numeric or date cell, and (c) is
 * at least as wide as half of the widest row that follows it; among rows meeting these, the one with the most text
 * cells wins, the earliest on a tie. A merged header cell is stored in its first column only, so the columns it spans
 * beyond the first, like any blank header cell, get the name {@code ""}: callers report them as unnamed columns.
 */
public final class HeaderDetector {

    private HeaderDetector() {}

    /**
     * Picks the header among leading rows.
     *
     * @param rows the sheet's first non-blank rows in order (at most a few dozen)
     * @return the header, or empty when no row qualifies
     */
    public static Optional<HeaderRow> detect(List<SheetRow> rows) {
        var widest = new int[rows.size() + 1];
        for (var i = rows.size() - 1; i >= 0; i--) {
            widest[i] = Math.max(widest[i + 1], rows.get(i).width());
        }
        SheetRow best = null;
        var bestText = 0;
        for (var i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            var text = 0;
            var other = 0;
            for (var c : row.cells()) {
                if (c.isBlank()) {
                    continue;
                }
                if (c.kind() == CellKind.TEXT && !looksNumeric(c.text())) {
                    text++;
                } else {
                    other++;
                }
            }
            var minText = widest[i] <= 1 ? 1 : 2;
            var wideEnough = row.width() * 2 >= widest[i + 1];
            if (text >= minText && other <= 1 && text > other && wideEnough && text > bestText) {
                best = row;
                bestText = text;
            }
        }
        return Optional.ofNullable(best).map(HeaderDetector::toHeader);
    }

    private static HeaderRow toHeader(SheetRow row) {
        var names = new ArrayList<String>();
        for (var col = 0; col < row.width(); col++) {
            names.add(row.cell(col).text().strip());
        }
        return new HeaderRow(row.rowNumber(), names, row.cells());
    }

    private static boolean looksNumeric(String s) {
        var t = s.strip();
        if (t.isEmpty()) {
            return false;
        }
        for (var i = 0; i < t.length(); i++) {
            var ch = t.charAt(i);
            if (!(Character.isDigit(ch)
                    || ch == '.'
                    || ch == ','
                    || ch == '-'
                    || ch == '/'
                    || ch == ' '
                    || ch == '\u00a0'
                    || ch == ':')) {
                return false;
            }
        }
        return true;
    }
}
