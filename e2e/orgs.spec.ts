import { assert, byTestId, expectText, type Journey, textOf } from './harness.ts';

export const orgJourneys: Journey[] = [
  {
    name: 'org tree: shows the organisations under the admin and their details',
    async run({ server, page, screenshot }) {
      await page.goto(`${server.baseUrl}/admin/orgs`);
      const tree = byTestId(page, 'org-tree');
      const nodes = tree.locator('.ant-tree-treenode');
      await nodes.nth(1).waitFor();
      const count = await nodes.count();
      assert(count >= 2, `expected the top organisation and its children in the tree, saw ${count} nodes`);
      await expectText(
        tree,
        (t) => t.includes(server.rootOrg.name),
        `tree should name ${server.rootOrg.name}`,
      );
      const details = byTestId(page, 'org-details');
      await expectText(details, (t) => t.includes(server.rootOrg.code), 'details of the top organisation');
      // Choosing another organisation shows its details.
      const child = tree
        .locator('.ant-tree-treenode:not([aria-hidden="true"]) .ant-tree-title')
        .filter({ hasNotText: server.rootOrg.name })
        .first();
      const name = (await textOf(child)).replace(/\s*(团委|团工委|团总支|团支部)\s*$/, '').trim();
      assert(name.length > 0, 'a child organisation should have a name');
      await child.click();
      await page.waitForURL(/[?&]org=/);
      await expectText(
        details.locator('.ant-card-head-title'),
        (t) => t.includes(name) && !t.includes(server.rootOrg.name),
        `details of ${name}`,
      );
      await screenshot('03-org-tree');
    },
  },
];
