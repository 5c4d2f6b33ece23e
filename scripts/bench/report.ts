/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
// The figures each section measures, and the final table with PASS/FAIL against its target.
import { cpus, totalmem } from 'node:os';

export interface Figure {
	section: string;
	name: string;
	value: string;
	target: string;
	/** undefined = shown for information, not judged. */
	pass?: boolean;
}

export const info = (section: string, name: string, value: string): Figure => ({
	section,
	name,
	value,
	target: '',
});

export const judged = (section: string, name: string, value: string, target: string, pass: boolean) => ({
	section,
	name,
	value,
	target,
	pass,
});

export const fixed = (value: number, digits = 2) => value.toFixed(digits);

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function machineHeader(): string {
	const cpu = cpus();
	return [
		'n8n-nodes-stripe-invoicing benchmark',
		`node ${process.version} · ${process.platform}/${process.arch} · ${cpu[0]?.model ?? 'unknown CPU'} · ${cpu.length} cores · ${Math.round(totalmem() / 2 ** 30)} GB RAM`,
	].join('\n');
}

export function printTable(figures: Figure[]): void {
	const widths = [7, 44, 22, 16];
	const line = (cells: string[], verdict: string) =>
		cells.map((cell, index) => cell.padEnd(widths[index])).join(' ') + ` ${verdict}`;
	const header = line(['section', 'figure', 'value', 'target'], 'result');
	console.log(`\n${header}\n${'-'.repeat(header.length + 4)}`);
	for (const figure of figures) {
		const verdict = figure.pass === undefined ? '' : figure.pass ? 'PASS' : 'FAIL';
		console.log(line([figure.section, figure.name, figure.value, figure.target], verdict).trimEnd());
	}
}
