import type { Page } from 'playwright-core';
import { assert, byTestId, expectText, type Journey, pickOption, signIn, textOf } from './harness.ts';

const WHOLE = /(?<![\d*])\d{17}[\dX](?![\d*])/;

interface Item {
  id: number;
  name: string;
}

/** The cross-county journeys hand on the two admins' pages and the member in transfer. */
let sender: Page | undefined;
let receiver: Page | undefined;
let moving: Item | undefined;
let acceptedInto: string | undefined;

export const membershipJourneys: Journey[] = [
  {
    name: 'membership: 东湖县 starts a transfer of one of its members to 西岭县团委',
    async run({ server, browser, screenshot, log }) {
      sender = await signIn(browser, server.baseUrl, 'donghu_admin');
      // A member of 东湖县 with no transfer in flight (the demo has some).
      const busy = new Set(
        (
          (
            await (
              await sender.request.get(
                `${server.baseUrl}/api/membership/transfers?direction=outgoing&pageSize=200`,
              )
            ).json()
          ).items as { status: string; person: Item }[]
        )
          .filter((t) => t.status.startsWith('pending'))
          .map((t) => t.person.id),
      );
      const people = (
        await (
          await sender.request.get(`${server.baseUrl}/api/people?politicalStatus=league_member&pageSize=50`)
        ).json()
      ).items as Item[];
      const member = people.find(
        (p) => !busy.has(p.id) && !people.some((o) => o.id !== p.id && o.name === p.name),
      )!;
      assert(member, 'the demo county should have league members');
      log(`transferring ${member.name} (${member.id}) from 东湖县 to 西岭县团委`);

      await sender.goto(`${server.baseUrl}/admin/membership?tab=transfers`);
      await byTestId(sender, 'transfers-tab').waitFor();
      await byTestId(sender, 'transfer-start-out').click();
      const form = byTestId(sender, 'transfer-form');
      await form.waitFor();
      await pickOption(form.locator('.ant-select').first(), member.name, member.name);
      // Another county: its code, typed whole, is offered as it is (the search covers his own county).
      await pickOption(byTestId(sender, 'transfer-to'), '按编码 DH-B', 'DH-B');
      await screenshot('40-transfer-start', sender);
      await sender.locator('.ant-modal-footer .ant-btn-primary').click();
      const senderTable = byTestId(sender, 'transfers-table');
      const started = await expectText(
        senderTable,
        (t) => t.includes(member.name) && t.includes('待转入组织接收'),
        'the sender should see the new transfer waiting',
      );
      assert(/西岭县/.test(started), 'the sender should see the receiving organisation’s name');
      await screenshot('41-transfer-sender-waiting', sender);

      moving = member;
    },
  },
  {
    name: 'membership: 西岭县 sees the member masked and accepts him into a branch',
    async run({ server, browser, screenshot }) {
      assert(moving && sender, 'no transfer was started');
      const member = moving;
      receiver = await signIn(browser, server.baseUrl, 'xiling_admin');
      await receiver.goto(`${server.baseUrl}/admin/membership?tab=transfers`);
      await byTestId(receiver, 'transfers-tab').waitFor();
      await receiver.getByText('转入', { exact: true }).click();
      const receiverTable = byTestId(receiver, 'transfers-table');
      const incoming = await expectText(
        receiverTable,
        (t) => t.includes(member.name),
        'the receiver should see the incoming transfer',
      );
      assert(!WHOLE.test(incoming), 'the receiver sees a whole identity number');
      assert(/\d{4}\*{12}\d[\dX]/.test(incoming), 'the receiver should see the masked identity number');
      // The receiver cannot open the member nor his branch before accepting (out of reach answers 404, as a missing record).
      assert(
        (await receiver.request.get(`${server.baseUrl}/api/people/${member.id}`)).status() === 404,
        'the receiver reads the member before accepting',
      );

      const tree = (await (await receiver.request.get(`${server.baseUrl}/api/orgs/tree?root=DH-B`)).json())
        .items as { code: string; name: string; kind: string; status: string }[];
      const branch = tree.find((o) => o.kind === 'branch' && o.status === 'active')!;
      const row = receiverTable.locator('tr').filter({ hasText: member.name });
      await row.locator('[data-testid="transfer-accept"]').click();
      await receiver.locator('.ant-modal').getByText('由').first().waitFor();
      const details = await textOf(byTestId(receiver, 'accept-person'));
      assert(
        !WHOLE.test(details) && details.includes(member.name),
        `the acceptance shows masked particulars: ${details}`,
      );
      await receiver.locator('.ant-modal .ant-select').click();
      await receiver.keyboard.type(branch.name);
      await receiver.locator(`.ant-select-tree-node-content-wrapper[title="${branch.name}"]`).first().click();
      await screenshot('42-transfer-receiver-accepting', receiver);
      await receiver.locator('.ant-modal-footer .ant-btn-primary').click();
      await expectText(
        receiverTable,
        (t) => t.includes(member.name) && t.includes('已接收') && t.includes(branch.name),
        'the receiver should see the member accepted into the branch',
      );
      await screenshot('43-transfer-receiver-accepted', receiver);
      assert(
        (await receiver.request.get(`${server.baseUrl}/api/people/${member.id}`)).status() === 200,
        'the receiver should now reach the member',
      );

      acceptedInto = branch.name;
    },
  },
  {
    name: 'membership: 东湖县 sees the transfer accepted, nothing of 西岭县’s branch, and no longer reaches the member',
    async run({ server, screenshot }) {
      assert(moving && sender && receiver && acceptedInto, 'the transfer was not accepted');
      const member = moving;
      const branch = { name: acceptedInto };
      await sender.reload();
      const done = await expectText(
        byTestId(sender, 'transfers-table'),
        (t) => t.includes(member.name) && t.includes('已接收'),
        'the sender should see the transfer accepted',
      );
      assert(!done.includes(branch.name), `the sender sees the receiving county’s branch ${branch.name}`);
      assert(
        (await sender.request.get(`${server.baseUrl}/api/people/${member.id}`)).status() === 404,
        'the sender still reads the member after he left',
      );
      await screenshot('44-transfer-sender-accepted', sender);
      await sender.context().close();
      await receiver.context().close();
    },
  },
  {
    name: 'membership: a member’s page shows his league life',
    async run({ server, browser, screenshot }) {
      const page = await signIn(browser, server.baseUrl, 'donghu_admin');
      const people = (
        await (
          await page.request.get(
            `${server.baseUrl}/api/people?org=DH-A&politicalStatus=league_member&pageSize=200`,
          )
        ).json()
      ).items as Item[];
      let target: Item | undefined;
      for (const p of people) {
        const life = await (
          await page.request.get(`${server.baseUrl}/api/membership/people/${p.id}/life`)
        ).json();
        if (life.evaluations?.length && life.dues?.payments?.length && life.meetings?.length) {
          target = p;
          break;
        }
      }
      assert(target, 'the demo should give some members dues, an evaluation and meetings');
      await page.goto(`${server.baseUrl}/admin/people/${target.id}`);
      const card = byTestId(page, 'league-life');
      await expectText(
        card,
        (t) => t.includes('团籍注册与教育评议') && t.includes('已注册') && /\d+\.\d{2} 元/.test(t),
        'the league life card should show registration and dues',
      );
      await screenshot('45-person-league-life', page);
      await page.goto(`${server.baseUrl}/admin/membership?tab=registration`);
      await expectText(
        byTestId(page, 'registration-tab'),
        (t) => t.includes('已完成'),
        'the registration progress should list branches done',
      );
      await screenshot('46-registration-progress', page);
      await page.goto(`${server.baseUrl}/admin/membership?tab=coverage`);
      await expectText(
        byTestId(page, 'coverage-tab'),
        (t) => t.includes('东湖县鸿运物流有限公司'),
        'the coverage gap should list the firm without a branch',
      );
      await screenshot('47-coverage', page);
      // A branch secretary works on a phone: the dues page fits 390 px without a sideways scroll of the page.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.baseUrl}/admin/membership?tab=dues`);
      await expectText(
        byTestId(page, 'dues-tab'),
        (t) => t.includes('每月应缴'),
        'the dues list should load on a phone',
      );
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      assert(Number(overflow) <= 1, `the dues page is ${overflow} px wider than the phone`);
      await screenshot('48-dues-phone', page);
      await page.context().close();
    },
  },
];
