// Scenario "certificate-pdf": certificate PDFs rendered per second (issue 5), in process on one core, for
// certificates of 10, 50 and 200 records (one, two and about seven A4 pages), with the embedded CJK font
// subset and the QR code, as GET /api/me/certificates/:id/pdf renders them. No database: rendering is pure
// CPU (the SQL behind a download is a few primary-key reads), so the figure is PDFs/s against the same
// machine's single-core limit rather than a pgbench ratio. The first render (font parsing, JIT) is timed
// separately and not counted.
import {
  renderCertificatePdf,
  type CertificatePdfInput,
} from '../../server/src/modules/certificates/certificates.pdf.ts';
import { percentile, type JobResult, type Scenario } from '../lib.ts';

const SIZES = [10, 50, 200];
const RENDERS = Number(process.env.BENCH_PDF_RENDERS ?? 40);

function input(records: number): CertificatePdfInput {
  const rows = Array.from({ length: records }, (_, i) => ({
    date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    title: ['深圳湾公园海滩清洁', '南头古城文明旅游引导', '蛇口社区长者陪伴', '西丽湖绿道马拉松赛会服务'][
      i % 4
    ]!,
    content: '协助现场引导、秩序维护和物资分发，向游客宣传垃圾分类与文明旅游。',
    minutes: 60 + ((i * 37) % 240),
  }));
  return {
    number: 'YQ-2026-BENCH00001',
    volunteerName: '张三明',
    docTypeName: '居民身份证',
    docNumberMasked: '440305********123X',
    volunteerNo: '4403050001234',
    records: rows,
    totalMinutes: rows.reduce((n, r) => n + r.minutes, 0),
    issuerName: '南山区志愿者联合会',
    personInCharge: '赵磊',
    handlerName: '陈芳',
    issueDate: '2026-11-22',
    seal: null,
    verifyUrl: 'https://yiqi.example/verify/YQ-2026-BENCH00001',
  };
}

export const certificatePdf: Scenario = {
  name: 'certificate-pdf',
  description: `certificate PDFs per second on one core (${SIZES.join(' / ')} records, ${RENDERS} renders each)`,
  async run() {
    let t = performance.now();
    await renderCertificatePdf(input(10));
    console.log(`   first render (fonts, JIT): ${(performance.now() - t).toFixed(0)} ms`);
    const results: JobResult[] = [];
    console.log('   records  pages  KB     PDFs/s   p50 / p95 ms');
    for (const size of SIZES) {
      const data = input(size);
      const times: number[] = [];
      let bytes = 0;
      let pages = 0;
      const start = performance.now();
      for (let i = 0; i < RENDERS; i++) {
        t = performance.now();
        const pdf = await renderCertificatePdf(data);
        times.push(performance.now() - t);
        bytes = pdf.length;
        pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
      }
      const seconds = (performance.now() - start) / 1000;
      times.sort((a, b) => a - b);
      const rate = RENDERS / seconds;
      console.log(
        `   ${String(size).padStart(7)}  ${String(pages).padStart(5)}  ${String(Math.round(bytes / 1024)).padStart(4)}  ${rate.toFixed(1).padStart(8)}   ${percentile(times, 0.5).toFixed(1)} / ${percentile(times, 0.95).toFixed(1)}`,
      );
      results.push({
        scenario: 'certificate-pdf',
        phase: `${size} records`,
        rows: RENDERS,
        apiSeconds: seconds,
        rawSeconds: NaN,
        ratio: NaN,
        peakRssMb: process.memoryUsage().rss / 1024 / 1024,
        rssBeforeMb: NaN,
        extra: {
          pdfsPerSecond: rate,
          pages,
          kb: bytes / 1024,
          p50Ms: percentile(times, 0.5),
          p95Ms: percentile(times, 0.95),
        },
        note: 'in process, one core; the two cores serve about twice this with two API processes',
      });
    }
    return results;
  },
};
