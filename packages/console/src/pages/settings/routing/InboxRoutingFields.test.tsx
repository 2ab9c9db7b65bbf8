import { type InboxView, routingSettings } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, type FakeResponse, fakeApi } from '../../../test/fakeApi';
import { sessionFor, teamView } from '../../../test/fixtures';
import { inboxView, testId } from '../../../test/inboxFixtures';
import { renderApp } from '../../../test/renderApp';
import { settingsFieldPath } from './settingsFieldErrors';

const PRESALES = testId(501);
const AFTER_SALES = testId(502);
const teams = [
  teamView({ id: PRESALES, name: '售前' }),
  teamView({ id: AFTER_SALES, name: '售后' }),
  teamView({ id: testId(503), name: '仓库', kind: 'department' }),
];

function settingsApi(inbox: InboxView, patch: (body: unknown) => FakeResponse) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('admin') },
    'GET /api/inboxes': { body: { items: [inbox] } },
    'GET /api/teams': { body: { items: teams } },
    'GET /api/business-hours': { body: { items: [] } },
    [`PATCH /api/inboxes/${inbox.id}`]: (request) => patch(request.body),
  });
}

async function openEditor(inbox: InboxView) {
  renderApp('/settings/inboxes');
  const table = await screen.findByRole('table', { name: '接入渠道列表' });
  fireEvent.click(await within(table).findByTestId(`edit-${inbox.id}`));
  const dialog = await screen.findByRole('dialog', { name: '编辑接入渠道' });
  return within(dialog).getByTestId('inbox-routing');
}

/** Picks `option` in the Ant Design select labelled `label` inside `container`. */
async function choose(container: HTMLElement, label: string, option: string, index = 0) {
  fireEvent.mouseDown(within(container).getAllByLabelText(label)[index]!);
  const options = await screen.findAllByText(option, { selector: '.ant-select-item-option-content' });
  fireEvent.click(options.at(-1)!);
}

describe('inbox routing settings', () => {
  it('edit the whole pipeline and the widget’s team choice, and save them as the server expects', async () => {
    const inbox = inboxView();
    const api = settingsApi(inbox, (body) => ({ body: { ...inbox, ...(body as object) } }));
    const section = await openEditor(inbox);

    // Off by default: the pipeline's settings show once routing is switched on.
    expect(within(section).queryByRole('button', { name: '上移「技能匹配」' })).toBeNull();
    fireEvent.click(within(section).getByTestId('routing-enabled'));
    await within(section).findByRole('button', { name: '上移「技能匹配」' });
    // The rules in order; move 技能匹配 to the top, leave 专属客服优先 out.
    const rules = () =>
      within(section)
        .getAllByTestId('routing-rule')
        .map((row) => row.dataset.rule);
    expect(rules()).toEqual(['designated', 'previous_agent', 'owner', 'skill']);
    for (let i = 0; i < 3; i++) fireEvent.click(within(section).getByRole('button', { name: '上移「技能匹配」' }));
    fireEvent.click(within(section).getByRole('checkbox', { name: '专属客服优先' }));
    expect(rules()).toEqual(['skill', 'designated', 'previous_agent', 'owner']);

    fireEvent.click(within(section).getByTestId('add-skill-rule'));
    await choose(section, '匹配方式', '访客语言');
    fireEvent.change(within(section).getByLabelText('匹配内容'), { target: { value: ' en ' } });
    await choose(section, '分到技能组', '售前');
    await choose(section, '默认技能组', '售后');
    fireEvent.click(within(section).getByLabelText(/轮流分配/));
    fireEvent.click(within(section).getByText('进入待领取池'));
    fireEvent.change(within(section).getByLabelText('超时自动转接'), { target: { value: '90' } });
    fireEvent.change(within(section).getByLabelText('超时自动结束'), { target: { value: '' } });

    fireEvent.click(within(section).getByTestId('team-choice-enabled'));
    fireEvent.click(within(section).getByTestId('add-team-choice'));
    await choose(section, '技能组', '售后');
    // Department teams take no chats and are never offered.
    fireEvent.mouseDown(within(section).getAllByLabelText('技能组')[0]!);
    expect(screen.queryByText('仓库', { selector: '.ant-select-item-option-content' })).toBeNull();
    fireEvent.change(within(section).getByLabelText('显示名称'), { target: { value: '售后服务' } });

    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PATCH /api/inboxes/${inbox.id}`)).toHaveLength(1));
    const { settings } = api.find(`PATCH /api/inboxes/${inbox.id}`)[0]!.body as { settings: InboxView['settings'] };
    expect(settings.routing).toEqual({
      ...routingSettings.parse({}),
      enabled: true,
      rules: ['skill', 'designated', 'previous_agent'],
      skillRules: [{ match: 'language', value: 'en', teamId: PRESALES }],
      defaultTeamId: AFTER_SALES,
      strategy: 'round_robin',
      whenFull: 'pool',
      autoTransferSeconds: 90,
      autoCloseMinutes: null,
    });
    expect(settings.teamChoice).toEqual({
      enabled: true,
      prompt: '请选择您要咨询的业务',
      teams: [{ teamId: AFTER_SALES, label: '售后服务' }],
    });
  });

  it('shows the server’s validation errors next to the routing fields', async () => {
    const inbox = inboxView();
    settingsApi(inbox, () =>
      apiError(400, 'VALIDATION_FAILED', [
        { field: 'body.settings.routing.overflowAfterSeconds', issue: 'must be at most 86400' },
        { field: 'body.settings.routing.skillRules.0.teamId', issue: 'is not a team of this workspace' },
      ]),
    );
    const section = await openEditor(inbox);
    fireEvent.click(within(section).getByTestId('routing-enabled'));
    fireEvent.click(within(section).getByTestId('add-skill-rule'));
    fireEvent.change(within(section).getByLabelText('匹配内容'), { target: { value: '/checkout' } });
    await choose(section, '分到技能组', '售前');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    const overflow = (await within(section).findByText('must be at most 86400')).closest(
      '.ant-form-item',
    ) as HTMLElement;
    expect(within(overflow).getByLabelText('排队多久后溢出')).toBeTruthy();
    const teamField = within(section)
      .getByText('is not a team of this workspace')
      .closest('.ant-form-item') as HTMLElement;
    expect(within(teamField).getByLabelText('分到技能组')).toBeTruthy();
    // Every problem found its field: no banner repeats them.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('map server field paths to form fields', () => {
    expect(settingsFieldPath('body.settings.routing.skillRules.2.value')).toEqual([
      'routing',
      'skillRules',
      2,
      'value',
    ]);
    expect(settingsFieldPath('body.settings.routing.priorityTags.0')).toEqual(['routing', 'priorityTags']);
    expect(settingsFieldPath('body.settings.teamChoice.teams.1.label')).toEqual(['teamChoice', 'teams', 1, 'label']);
    expect(settingsFieldPath('body.settings.welcomeMessage')).toBeUndefined();
    expect(settingsFieldPath('body.name')).toBeUndefined();
  });
});
