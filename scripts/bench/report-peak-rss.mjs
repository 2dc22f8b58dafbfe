// Preloaded (`node --import`) into a process the benchmark spawns: prints the process's peak
// resident set size when it exits, for the row that reports it (scripts/bench/import-rows.ts).
process.on('exit', () => {
  process.stderr.write(`bench-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
