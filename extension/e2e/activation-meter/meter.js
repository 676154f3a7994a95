// Times `extension.activate()` of each extension named in $RESILINT_METER_EXTENSIONS (comma-separated ids, in that
// order), once the editor has settled after start-up: wall time as the suite measures it, and the CPU time of the
// extension host's thread, which the other processes of a busy machine disturb much less. Then waits for the
// extensions to settle (Resilint writes its code cache once its language server runs) before writing the report, so
// the next start of the same profile finds it.
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

const SETTLE_MS = 3_000;

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

exports.activate = async function activate() {
  const reportPath = process.env.RESILINT_METER_REPORT;
  if (!reportPath) return;
  const report = {};
  await settle();
  for (const id of (process.env.RESILINT_METER_EXTENSIONS ?? '').split(',').filter(Boolean)) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension || extension.isActive) continue;
    const cpuBefore = process.threadCpuUsage?.();
    const started = performance.now();
    await extension.activate();
    const wallMs = performance.now() - started;
    const cpu = cpuBefore && process.threadCpuUsage(cpuBefore);
    report[id] = { wallMs, cpuMs: cpu ? (cpu.user + cpu.system) / 1000 : undefined };
  }
  await settle();
  writeFileSync(reportPath, JSON.stringify(report));
};
