// HTML pages saved from lkml.iu.edu (hypermail, several generations) and marc.info: the
// subject, sender and date we read agree with what the mailingListScraper project
// expects for the same pages (its .json files, read at test time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, SKIP_NO_CORPUS } from '../helpers/paths';
import { readDocument } from '../../src/core/mail/index';
import { decodeEntities } from '../../src/core/mail/html';

const BASE = path.join(CORPUS, 'webarchive-scrapes');
const pages = SKIP_NO_CORPUS ? [] : ['hypermail', 'marc'].flatMap((d) =>
  readdirSync(path.join(BASE, d)).filter((f) => f.endsWith('.html')).map((f) => path.join(BASE, d, f)));

interface Scrape { subject: string; senderName: string; senderEmail?: string; timeSent: string; timeReceived: string }

for (const page of pages) {
  test(`archive page ${path.basename(path.dirname(page))}/${path.basename(page)}`, { skip: SKIP_NO_CORPUS }, async () => {
    const json = JSON.parse(readFileSync(page.replace(/\.html$/, '.json'), 'utf8')) as { itemOutput?: Scrape } & Scrape;
    const want = json.itemOutput ?? json;
    const doc = await readDocument(new Uint8Array(readFileSync(page)));
    assert.equal(doc.kind, 'html');
    const m = doc.messages[0];
    assert.equal(m.subject, decodeEntities(want.subject));
    // the scraper keeps marc's quoting and its ` ! ` for dots; compare what it means
    const sender = want.senderName.replace(/^"(.*)"$/, '$1').replace(/ ! /g, '.');
    assert.ok(m.from.name === sender || m.from.address === sender, `from ${JSON.stringify(m.from)} vs ${sender}`);
    const sent = Date.parse(want.timeSent);
    if (!Number.isNaN(sent)) assert.equal(m.date, new Date(sent).toISOString());
    else assert.equal(m.date, new Date(`${want.timeReceived.replace(' ', 'T').replace(/T(\d):/, 'T0$1:')}Z`).toISOString());
    assert.ok(m.parts[0].text.trim().length > 0, 'a body');
    assert.ok(!/<\/?[a-z]+[ >]/i.test(m.parts[0].text.slice(0, 200)) || /[<>]/.test(m.parts[0].text), 'markup stripped');
  });
}

if (pages.length === 0) test('archive pages of the corpus', { skip: SKIP_NO_CORPUS || 'no pages found' }, () => {});
