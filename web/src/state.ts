// SPDX-License-Identifier: Apache-2.0
// The run the result pages show (kept across pages and reloads) and the shapes the API returns.

export interface RunInfo {
  id: string;
  scenario_id: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress_fraction: number;
  stage: string;
  created_at: string;
  elapsed_seconds: number;
  error?: { code: string; message: string; hint: string; location?: string };
}

export interface TableInfo {
  name: string;
  value_column: string;
  description: string;
  dims: Array<{ name: string; items: string[] }>;
}

export interface RecordInfo {
  name: string;
  title: string;
  description: string;
  columns: string[];
  rows: unknown[][];
}

export interface TableRows {
  name: string;
  value_column: string;
  description: string;
  columns: string[];
  rows: unknown[][];
}

export function selectedRun(): string {
  return localStorage.getItem('urbanmine.run') ?? '';
}

export function selectRun(id: string): void {
  localStorage.setItem('urbanmine.run', id);
}
