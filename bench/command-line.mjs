// What the benchmark scripts share on the command line: their usage errors, numeric options and result tables.

/** A function that ends the script with the message and exit code 2 (a wrong command line, not a failed run). */
export function usageError(script) {
  return (message) => {
    console.error(`${script}: ${message}`);
    process.exit(2);
  };
}

export function positiveInteger(name, text, fail) {
  const number = Number(text);
  if (!Number.isInteger(number) || number < 1) fail(`${name} must be a positive integer, got "${text}"`);
  return number;
}

/** Prints rows under a header, the first column left-aligned and the others right-aligned. */
export function printTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
