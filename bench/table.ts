import { ratio } from "./stats";

export interface Row {
  figure: string;
  ours: number;
  other?: number;
  otherName?: string;
  target?: string;
  note?: string;
}

interface Setting {
  repetitions: number;
  loadSeconds: number;
  connections: number;
  base: string;
  asset: string;
}

const number = (value: number): string =>
  Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 1 });

/** A markdown table: each figure beside its counterpart from the same run, with the ratio. */
export function formatTable(rows: Row[], setting: Setting): string {
  const lines = [
    `Base image: \`${setting.base}\`; asset: \`${setting.asset}\`; ${setting.repetitions} repetitions, ` +
      `wrk ${setting.loadSeconds} s × ${setting.connections} connections per run, loopback.`,
    "",
    "| figure | ours | counterpart | ours ÷ counterpart | target | note |",
    "| --- | ---: | ---: | ---: | --- | --- |",
  ];
  for (const row of rows) {
    const counterpart = row.other === undefined ? "—" : `${number(row.other)} (${row.otherName ?? ""})`;
    const r = row.other === undefined || row.other === 0 ? "—" : `${ratio(row.ours, row.other).toFixed(2)}×`;
    lines.push(`| ${row.figure} | ${number(row.ours)} | ${counterpart} | ${r} | ${row.target ?? ""} | ${row.note ?? ""} |`);
  }
  return lines.join("\n");
}
