package io.polyclinic.spreadsheet;

/**
 * One sheet of a workbook, as listed before reading it. A CSV file has one sheet named after nothing ({@code ""}).
 *
 * @param index zero-based position in the workbook, the number passed to {@link SpreadsheetFile#readRows}
 * @param name the sheet's name as the user sees it on its tab
 * @param hidden whether the sheet is hidden (still readable)
 */
public record SheetInfo(int index, String name, boolean hidden) {}
