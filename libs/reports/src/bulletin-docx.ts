import {
  AlignmentType,
  Document,
  Footer,
  IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { bulletinNarrative, bulletinWords, chineseDate } from './bulletin';
import type { ReportContent } from './report-builder';

/** Millimetres in Word's twentieths of a point. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);

/**
 * The typefaces of a Chinese official document (GB/T 9704), named as government offices have them installed; the
 * Latin faces are for digits and letters. A reader without one of them gets the font substitution of their word
 * processor (LibreOffice and WPS map 仿宋_GB2312 to 仿宋, 方正小标宋简体 to a 宋体).
 */
const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24 } as const;
/** A page of 22 lines of 28 characters: lines 28.95 pt apart, exactly. */
const LINE = { line: 579, lineRule: LineRuleType.EXACT } as const;

const run = (text: string, face: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, size, font: { eastAsia: face, ascii: FONTS.latin, hAnsi: FONTS.latin }, ...extra });

const bodyParagraph = (text: string) =>
  new Paragraph({ spacing: LINE, indent: { firstLine: 2 * 320 }, children: [run(text, FONTS.body, SIZE.body)] });

/** `— 1 —`, on the right of odd pages and the left of even ones, a character in from the edge. */
const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [
          run('— ', FONTS.pageNumber, SIZE.pageNumber),
          new TextRun({
            children: [PageNumber.CURRENT],
            size: SIZE.pageNumber,
            font: { eastAsia: FONTS.pageNumber, ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber },
          }),
          run(' —', FONTS.pageNumber, SIZE.pageNumber),
        ],
      }),
    ],
  });

/** The ranking as the 通报's attached table: bureau, the week's rank and score, the year's, 时序进度. */
function rankingTable(content: ReportContent): Table | null {
  const ranking = content.tables.find((table) => table.key === 'ranking');
  if (!ranking || ranking.rows.length === 0) return null;
  const { current } = bulletinWords(content);
  const headers = ['招商局', `${current}名次`, `${current}得分`, '年度累计名次', '累计得分', '时序进度落后'];
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(text, bold ? FONTS.heading : FONTS.body, SIZE.table)],
        }),
      ],
    });
  const rows = [...ranking.rows].sort((a, b) => Number(a.weekRank ?? 999) - Number(b.weekRank ?? 999));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((header) => cell(header, true)) }),
      ...rows.map(
        (row) =>
          new TableRow({
            children: [
              row.bureauName,
              row.weekRank,
              row.weekScore,
              row.ytdRank,
              row.ytdScore,
              row.behind ? '是' : '否',
            ].map((value) => cell(value === null || value === undefined || value === '' ? '—' : String(value))),
          }),
      ),
    ],
  });
}

/**
 * A report as a 通报, laid out as a Chinese official document (GB/T 9704): A4 with its margins (top 37 mm,
 * bottom 35 mm, left 28 mm, right 26 mm), the title in 二号小标宋, the body in 三号仿宋 at 22 lines a page, headings
 * in 黑体, page numbers `— n —` in 四号宋体, the issuing office and the date at the end, then the ranking table.
 */
export async function bulletinDocx(
  content: ReportContent,
  previous: ReportContent | null,
  issuer: string,
): Promise<Buffer> {
  const narrative = bulletinNarrative(content, previous);
  const table = rankingTable(content);
  const issued = chineseDate(content.generatedAt.slice(0, 10));
  const document = new Document({
    creator: '海州招商 CRM',
    title: narrative.title,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { ...LINE, after: 579 },
            children: [run(narrative.title, FONTS.title, SIZE.title)],
          }),
          new Paragraph({ spacing: LINE, children: [run('各招商局：', FONTS.body, SIZE.body)] }),
          bodyParagraph(`现将${bulletinWords(content).current}全区招商引资工作情况通报如下：`),
          ...narrative.parts.flatMap((part) => [
            new Paragraph({
              spacing: LINE,
              indent: { firstLine: 2 * 320 },
              children: [run(part.heading, FONTS.heading, SIZE.body)],
            }),
            ...part.paragraphs.map(bodyParagraph),
          ]),
          new Paragraph({ spacing: LINE, children: [] }),
          new Paragraph({
            spacing: LINE,
            alignment: AlignmentType.RIGHT,
            indent: { right: 4 * 320 },
            children: [run(issuer, FONTS.body, SIZE.body)],
          }),
          new Paragraph({
            spacing: LINE,
            alignment: AlignmentType.RIGHT,
            indent: { right: 4 * 320 },
            children: [run(issued, FONTS.body, SIZE.body)],
          }),
          ...(table
            ? [
                new Paragraph({
                  spacing: LINE,
                  pageBreakBefore: true,
                  children: [run('附件', FONTS.heading, SIZE.body)],
                }),
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  spacing: { ...LINE, after: 289 },
                  children: [run('各招商局排名情况表', FONTS.title, SIZE.body)],
                }),
                table,
              ]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
