export function StatCard({ label, value, tone = 'default' }: { label: string; value: string; tone?: 'default' | 'warning' }) {
  return (
    <div className={`rounded-lg border bg-white p-4 shadow-sm ${tone === 'warning' ? 'border-amber-400' : 'border-slate-200'}`}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 text-3xl font-semibold ${tone === 'warning' ? 'text-amber-800' : 'text-slate-900'}`}>{value}</dd>
    </div>
  );
}
