import type { ComponentChildren } from 'preact';

/** One big number with a label: the cards across the top of each page. */
export function Stat(props: {
  label: string;
  value: ComponentChildren;
  hint?: string;
  tone?: 'warn' | 'ok' | undefined;
}) {
  return (
    <div class={`stat ${props.tone ?? ''}`}>
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      {props.hint === undefined ? null : <div class="stat-hint">{props.hint}</div>}
    </div>
  );
}
