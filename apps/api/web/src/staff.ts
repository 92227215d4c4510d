import { api, ApiError, isMissingRoute, messageOf } from './api';
import { addDays, daysBetween, districtDate, fill, h, openDialog, toast } from './dom';
import { signOut } from './nav';
import { Investor, LABELS, Lead, OpenLeadRef, Page, Project, Stage, User, UserRef, Visit, VisitKind } from './types';

const NEXT_STAGE: Partial<Record<Stage, Stage>> = {
  reserve: 'negotiating',
  negotiating: 'signed',
  signed: 'registered',
  registered: 'started',
  started: 'operating',
};
const NETWORK_RETRIES = 2;
/** 万元 with at most two decimals, as the API takes amounts. */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

export function renderStaff(root: HTMLElement, user: User): void {
  document.title = '我的工作台 · 海州区招商引资管理系统';
  const today = districtDate();
  const myBureau = user.bureau?.code ?? null;

  const leadList = h('div', { class: 'list' }, h('p', { class: 'muted' }, '正在加载…'));
  const visitList = h('div', { class: 'list' });
  const projectCard = card('项目推进', h('div', { class: 'list' }, h('p', { class: 'muted' }, '正在加载…')));
  const visitForm = visitFormCard();
  const leadForm = leadFormCard();

  if (!myBureau) {
    // leaders, supervisors and admins record nothing here: the work of a bureau is its own staff's
    fill(
      root,
      h(
        'section',
        { class: 'card narrow' },
        h('h1', { class: 'card-title' }, '我的工作台'),
        h('p', { class: 'notice' }, '本页供招商局工作人员登记线索和走访使用，您的账号不属于招商局。'),
        h('a', { href: '/', 'data-nav': '', class: 'btn btn-primary' }, '前往驾驶舱'),
      ),
    );
    return;
  }

  fill(
    root,
    h(
      'header',
      { class: 'topbar topbar-phone' },
      h('h1', {}, '我的工作台'),
      h(
        'div',
        { class: 'topbar-user' },
        h('a', { href: '/', 'data-nav': '', class: 'btn btn-light' }, '驾驶舱'),
        h('button', { type: 'button', class: 'btn btn-light', onclick: () => void signOut() }, '退出'),
      ),
    ),
    h(
      'div',
      { class: 'phone' },
      h('p', { class: 'whoami' }, `${user.bureau?.name ?? ''} ${user.displayName}`),
      card('我的线索', leadList),
      visitForm.element,
      card('最近走访', visitList),
      leadForm.element,
      projectCard,
    ),
  );

  void loadLeads();
  void loadVisits();
  void loadProjects();

  async function loadLeads(): Promise<void> {
    try {
      const page = await api<Page<Lead>>('GET', '/leads', {
        query: { officer: user.id, status: 'open', sort: 'nextFollowUpAt', pageSize: 200 },
      });
      const leads = sortByFollowUp(page.items);
      fill(
        leadList,
        leads.length === 0
          ? h('p', { class: 'muted' }, '暂无跟进中的线索')
          : leads.map((lead) =>
              h(
                'div',
                { class: 'item', 'data-lead': lead.id },
                h(
                  'div',
                  { class: 'item-main' },
                  h('strong', {}, lead.investor.name),
                  h(
                    'span',
                    { class: 'item-sub' },
                    [lead.sourceLabel, lead.industry, lead.intendedAmount ? `${lead.intendedAmount} 万元` : null]
                      .filter(Boolean)
                      .join(' · '),
                  ),
                  followUpBadge(lead.nextFollowUpAt, today),
                ),
                h(
                  'button',
                  { type: 'button', class: 'btn btn-small', onclick: () => visitForm.useLead(lead) },
                  '记走访',
                ),
              ),
            ),
      );
    } catch (error) {
      fill(leadList, h('p', { class: 'notice notice-error' }, `线索加载失败：${messageOf(error)}`));
    }
  }

  async function loadVisits(): Promise<void> {
    try {
      const page = await api<Page<Visit>>('GET', '/visits', {
        query: { officer: user.id, sort: '-date', pageSize: 10 },
      });
      fill(
        visitList,
        page.items.length === 0
          ? h('p', { class: 'muted' }, '暂无走访记录')
          : page.items.map((visit) =>
              h(
                'div',
                { class: 'item visit-item' },
                h(
                  'div',
                  { class: 'item-main' },
                  h('strong', {}, visit.investor?.name ?? '—'),
                  h('span', { class: 'item-sub' }, `${visit.date} · ${visit.kindLabel}`),
                  visit.leaders.length > 0
                    ? h(
                        'span',
                        { class: 'badge badge-leader' },
                        `领导带队：${visit.leaders.map((l) => l.displayName).join('、')}`,
                      )
                    : null,
                  h('span', { class: 'item-text' }, visit.summary),
                ),
              ),
            ),
      );
    } catch (error) {
      fill(visitList, h('p', { class: 'notice notice-error' }, `走访加载失败：${messageOf(error)}`));
    }
  }

  async function loadProjects(): Promise<void> {
    const body = projectCard.querySelector('.list') as HTMLElement;
    try {
      const page = await api<Page<Project>>('GET', '/projects', { query: { pageSize: 100 } });
      const mine = page.items.filter((p) => p.officer.id === user.id || user.role === 'bureau_head');
      fill(
        body,
        mine.length === 0
          ? h('p', { class: 'muted' }, '暂无由我具办的项目')
          : mine.map((project) => {
              const next = NEXT_STAGE[project.stage];
              return h(
                'div',
                { class: 'item', 'data-project': project.id },
                h(
                  'div',
                  { class: 'item-main' },
                  h('strong', {}, project.name),
                  h(
                    'span',
                    { class: 'item-sub' },
                    `${project.investor.name} · `,
                    h('span', { class: 'stage' }, project.stageLabel),
                  ),
                ),
                next
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn btn-small',
                        onclick: () => stageDialog(project, next, loadProjects),
                      },
                      `推进至${LABELS.stages[next]}`,
                    )
                  : null,
              );
            }),
      );
    } catch (error) {
      // the pipeline may not be deployed yet: then the card is not offered at all
      if (isMissingRoute(error)) projectCard.remove();
      else fill(body, h('p', { class: 'notice notice-error' }, `项目加载失败：${messageOf(error)}`));
    }
  }

  /** The visit form: pick the investor (or a lead above), tap the kind, say what happened. */
  function visitFormCard(): { element: HTMLElement; useLead: (lead: Lead) => void } {
    let leadId: string | null = null;
    let kind: VisitKind = 'outbound';
    const leaderIds = new Set<string>();
    const chosen = h('div', { class: 'chosen' });
    const picker = investorPicker('搜索企业名称或信用代码', (investor) => choose(investor.name, investor.openLead));
    const kindButtons = (Object.keys(LABELS.visitKinds) as VisitKind[]).map((k) =>
      h(
        'button',
        {
          type: 'button',
          class: 'chip',
          'data-kind': k,
          'aria-pressed': String(k === kind),
          onclick: () => {
            kind = k;
            kindButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.kind === k)));
          },
        },
        LABELS.visitKinds[k],
      ),
    );
    const leaderChips = h('div', { class: 'chips' }, h('span', { class: 'muted' }, '正在加载…'));
    const date = h('input', { type: 'date', name: 'date', value: today, max: today, required: true });
    const summary = h('textarea', { name: 'summary', rows: 3, maxlength: 2000, placeholder: '洽谈内容（必填）' });
    const nextFollowUp = h('input', { type: 'date', name: 'nextFollowUpAt', min: today, value: addDays(today, 14) });
    const status = h('p', { class: 'hidden', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '保存走访');
    const sender = idempotentSender();

    const form = h(
      'form',
      { class: 'form', novalidate: true },
      h('div', { class: 'field' }, h('span', {}, '企业'), picker, chosen),
      h('div', { class: 'field' }, h('span', {}, '方式'), h('div', { class: 'chips chips-2' }, kindButtons)),
      h('label', { class: 'field' }, h('span', {}, '日期'), date),
      h('div', { class: 'field' }, h('span', {}, '县级领导参加（可多选）'), leaderChips),
      h('label', { class: 'field' }, h('span', {}, '洽谈内容'), summary),
      h('label', { class: 'field' }, h('span', {}, '下次跟进'), nextFollowUp),
      status,
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void save();
    });
    void loadLeaders();

    function choose(name: string, openLead: OpenLeadRef | null): void {
      leadId = null;
      if (!openLead) {
        fill(chosen, h('p', { class: 'notice' }, `“${name}”还没有跟进中的线索，请先在下方“登记线索”。`));
      } else if (openLead.bureau.code !== myBureau) {
        fill(chosen, duplicateWarning(name, openLead, '不能记录本局走访'));
      } else {
        leadId = openLead.id;
        fill(chosen, h('p', { class: 'chosen-lead' }, `✓ ${name}（${openLead.officer.displayName} 跟进）`));
      }
    }

    async function loadLeaders(): Promise<void> {
      try {
        const leaders = await api<Page<UserRef>>('GET', '/users', {
          query: { role: 'leader', active: true, pageSize: 100 },
        });
        fill(
          leaderChips,
          leaders.items.length === 0
            ? h('span', { class: 'muted leaders-none' }, '暂无可选的县级领导')
            : leaders.items.map((leader) =>
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'chip',
                    'aria-pressed': 'false',
                    onclick: (event: Event) => {
                      const button = event.currentTarget as HTMLButtonElement;
                      if (leaderIds.delete(leader.id)) button.setAttribute('aria-pressed', 'false');
                      else {
                        leaderIds.add(leader.id);
                        button.setAttribute('aria-pressed', 'true');
                      }
                    },
                  },
                  leader.displayName,
                ),
              ),
        );
      } catch {
        fill(leaderChips, h('span', { class: 'muted' }, '领导名单加载失败'));
      }
    }

    async function save(): Promise<void> {
      if (!leadId) return say('请先选择本局正在跟进的企业', true);
      if (!summary.value.trim()) return say('请填写洽谈内容', true);
      const body = {
        leadId,
        date: date.value,
        kind,
        leaderIds: [...leaderIds],
        summary: summary.value.trim(),
        ...(nextFollowUp.value ? { nextFollowUpAt: nextFollowUp.value } : {}),
      };
      submit.disabled = true;
      say('正在保存…');
      try {
        await sender.post('/visits', body);
        say('');
        toast('走访已保存');
        summary.value = '';
        picker.reset();
        fill(chosen);
        leadId = null;
        void loadVisits();
        void loadLeads();
      } catch (error) {
        say(messageOf(error), true);
      } finally {
        submit.disabled = false;
      }
    }

    function say(text: string, isError = false): void {
      status.textContent = text;
      status.className = text ? `notice ${isError ? 'notice-error' : ''}` : 'hidden';
    }

    return {
      element: card('记录走访', form),
      useLead: (lead) => {
        picker.reset(lead.investor.name);
        choose(lead.investor.name, { id: lead.id, bureau: lead.bureau, officer: lead.officer, since: '' });
        form.scrollIntoView({ behavior: 'smooth', block: 'start' });
      },
    };
  }

  /** Registers a lead: find the company in the district's registry, or register it, then claim it. */
  function leadFormCard(): { element: HTMLElement } {
    let investor: Investor | null = null;
    const chosen = h('div', { class: 'chosen' });
    const picker = investorPicker('先搜索企业，避免重复登记', (found) => choose(found));
    const newName = h('input', { name: 'investorName', maxlength: 100, placeholder: '企业全称' });
    const newUscc = h('input', {
      name: 'uscc',
      maxlength: 18,
      placeholder: '统一社会信用代码（可不填）',
      autocapitalize: 'characters',
    });
    const registerButton = h('button', { type: 'button', class: 'btn btn-small' }, '登记新企业');
    // offered only after the server found a similar name: the officer then confirms it is another company
    const notDuplicate = h('input', { type: 'checkbox', name: 'confirmNotDuplicate' });
    const notDuplicateField = h('label', { class: 'check hidden' }, notDuplicate, '已核实，不是同一家企业');
    const source = h(
      'select',
      { name: 'source' },
      Object.entries(LABELS.leadSources).map(([value, label]) => h('option', { value }, label)),
    );
    const amount = h('input', { name: 'intendedAmount', inputmode: 'decimal', placeholder: '万元，可不填' });
    const nextFollowUp = h('input', { type: 'date', name: 'nextFollowUpAt', min: today, value: addDays(today, 7) });
    const status = h('p', { class: 'hidden', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '登记线索');
    const investorSender = idempotentSender();
    const leadSender = idempotentSender();

    registerButton.addEventListener('click', () => void registerInvestor());
    const form = h(
      'form',
      { class: 'form', novalidate: true },
      h('div', { class: 'field' }, h('span', {}, '企业'), picker, chosen),
      h(
        'details',
        { class: 'new-investor' },
        h('summary', {}, '库中没有？登记新企业'),
        h('div', { class: 'form' }, newName, newUscc, notDuplicateField, registerButton),
      ),
      h('label', { class: 'field' }, h('span', {}, '线索来源'), source),
      h('label', { class: 'field' }, h('span', {}, '意向投资额'), amount),
      h('label', { class: 'field' }, h('span', {}, '下次跟进'), nextFollowUp),
      status,
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void save();
    });

    function choose(found: Investor): void {
      investor = found;
      const owner = found.openLead;
      if (owner && owner.bureau.code !== myBureau) fill(chosen, duplicateWarning(found.name, owner, '登记将被拒绝'));
      else if (owner)
        fill(chosen, h('p', { class: 'notice' }, `本局已在跟进“${found.name}”（${owner.officer.displayName}）`));
      else fill(chosen, h('p', { class: 'chosen-lead' }, `✓ ${found.name}`));
    }

    async function registerInvestor(): Promise<void> {
      if (!newName.value.trim()) return say('请填写企业全称', true);
      registerButton.disabled = true;
      try {
        const created = await investorSender.post<Investor>('/investors', {
          name: newName.value.trim(),
          ...(newUscc.value.trim() ? { uscc: newUscc.value.trim().toUpperCase() } : {}),
          ...(notDuplicate.checked ? { confirmNotDuplicate: true } : {}),
        });
        notDuplicate.checked = false;
        notDuplicateField.classList.add('hidden');
        picker.reset(created.name);
        choose(created);
        say('');
      } catch (error) {
        say(messageOf(error), true);
        if (error instanceof ApiError && error.code === 'DUPLICATE_INVESTOR')
          notDuplicateField.classList.remove('hidden');
        // the registry already has it: show whose it is at once, before a lead is even tried
        const candidate = candidatesOf(error)[0];
        if (candidate) {
          picker.reset(candidate.name);
          choose({ ...candidate, industry: null, region: null });
        }
      } finally {
        registerButton.disabled = false;
      }
    }

    async function save(): Promise<void> {
      if (!investor) return say('请先选择或登记企业', true);
      const intended = amount.value.trim();
      if (intended && !AMOUNT.test(intended)) return say('意向投资额请填写万元数，最多两位小数', true);
      submit.disabled = true;
      say('正在登记…');
      try {
        await leadSender.post('/leads', {
          investorId: investor.id,
          source: source.value,
          ...(intended ? { intendedAmount: Number(intended).toFixed(2) } : {}),
          ...(nextFollowUp.value ? { nextFollowUpAt: nextFollowUp.value } : {}),
        });
        toast('线索已登记');
        say('');
        picker.reset();
        fill(chosen);
        investor = null;
        void loadLeads();
      } catch (error) {
        // 撞单: the server names the bureau that registered the company first
        say(messageOf(error), true);
      } finally {
        submit.disabled = false;
      }
    }

    function say(text: string, isError = false): void {
      status.textContent = text;
      status.className = text ? `notice ${isError ? 'notice-error' : ''}` : 'hidden';
    }

    return { element: card('登记线索', form) };
  }

  function duplicateWarning(name: string, owner: OpenLeadRef, consequence: string): HTMLElement {
    return h(
      'p',
      { class: 'notice notice-warn duplicate-warning', role: 'alert' },
      h('strong', {}, '撞单提醒：'),
      `“${name}”已由 ${owner.bureau.code} ${owner.bureau.name}（具办人 ${owner.officer.displayName}）`,
      owner.since ? `于 ${owner.since} ` : '',
      `登记跟进，${consequence}；如需接手请申请转交。`,
    );
  }
}

function card(title: string, body: HTMLElement): HTMLElement {
  return h('section', { class: 'card' }, h('h2', { class: 'card-title' }, title), body);
}

/** Leads whose follow-up is due today or overdue come first, the most overdue on top. */
export function sortByFollowUp(leads: Lead[]): Lead[] {
  const key = (lead: Lead) => lead.nextFollowUpAt ?? '9999-12-31';
  return [...leads].sort((a, b) => key(a).localeCompare(key(b)));
}

function followUpBadge(date: string | null, today: string): HTMLElement | null {
  if (!date) return null;
  const days = daysBetween(today, date);
  if (days < 0) return h('span', { class: 'badge badge-overdue' }, `已逾期 ${-days} 天`);
  if (days === 0) return h('span', { class: 'badge badge-due' }, '今日跟进');
  return h('span', { class: 'item-sub' }, `下次跟进 ${date}`);
}

/** A search box over the district's investor registry with a short list of matches to tap. */
function investorPicker(
  placeholder: string,
  onPick: (investor: Investor) => void,
): HTMLElement & { reset: (text?: string) => void } {
  const input = h('input', { type: 'search', placeholder, autocomplete: 'off', 'aria-label': placeholder });
  const results = h('ul', { class: 'results' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(input.value.trim()), 250);
  });
  async function search(q: string): Promise<void> {
    const ticket = ++asked;
    if (q.length < 2) return fill(results);
    try {
      const page = await api<Page<Investor>>('GET', '/investors', { query: { q, pageSize: 8 } });
      if (ticket !== asked) return;
      fill(
        results,
        page.items.length === 0
          ? h('li', { class: 'muted' }, '库中没有找到该企业')
          : page.items.map((investor) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'result',
                    onclick: () => {
                      input.value = investor.name;
                      fill(results);
                      onPick(investor);
                    },
                  },
                  h('span', {}, investor.name),
                  investor.openLead
                    ? h('span', { class: 'item-sub' }, `${investor.openLead.bureau.name} 跟进中`)
                    : h('span', { class: 'item-sub' }, investor.uscc ?? '未填信用代码'),
                ),
              ),
            ),
      );
    } catch (error) {
      fill(results, h('li', { class: 'notice notice-error' }, messageOf(error)));
    }
  }
  return Object.assign(h('div', { class: 'picker' }, input, results), {
    reset: (text = '') => {
      input.value = text;
      fill(results);
    },
  });
}

function stageDialog(project: Project, to: Stage, reload: () => Promise<void>): void {
  const today = districtDate();
  const fields: Record<string, HTMLInputElement | HTMLSelectElement> = {};
  const input = (name: string, attrs: Record<string, string | boolean>) =>
    (fields[name] = h('input', { name, ...attrs }));
  const rows: HTMLElement[] = [];
  const row = (label: string, control: HTMLElement) =>
    rows.push(h('label', { class: 'field' }, h('span', {}, label), control));
  if (to === 'signed') {
    row('签约日期', input('signedDate', { type: 'date', max: today, value: today, required: true }));
    row('合同金额（万元）', input('amount', { inputmode: 'decimal', required: true }));
    fields.agreementType = h(
      'select',
      { name: 'agreementType' },
      h('option', { value: 'framework' }, '框架协议'),
      h('option', { value: 'formal' }, '正式合同'),
    );
    row('协议类型', fields.agreementType);
  } else if (to === 'registered') {
    row('注册落地日期', input('date', { type: 'date', max: today, value: today, required: true }));
    row('落地企业统一社会信用代码', input('localCompanyUscc', { maxlength: '18', required: true }));
  } else if (to === 'started') {
    row('开工日期', input('date', { type: 'date', max: today, value: today, required: true }));
  } else if (to === 'operating') {
    row('竣工投产日期', input('date', { type: 'date', max: today, value: today, required: true }));
  }
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 500, placeholder: '说明（可不填）' });
  row('说明', note);
  const status = h('p', { class: 'hidden', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, `确认推进至${LABELS.stages[to]}`);
  const form = h('form', { class: 'form', novalidate: true }, rows, status, submit);
  const dialog = openDialog(`${project.name}：${project.stageLabel} → ${LABELS.stages[to]}`, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string) => fields[name]?.value.trim() ?? '';
    const missing = Object.values(fields).some((control) => !control.value.trim());
    const badAmount = fields.amount && !AMOUNT.test(fields.amount.value.trim());
    if (missing || badAmount) {
      status.textContent = missing ? '请填写全部准入资料' : '合同金额请填写万元数，最多两位小数';
      status.className = 'notice notice-error';
      return;
    }
    const gate =
      to === 'signed'
        ? {
            deal: {
              signedDate: value('signedDate'),
              amount: Number(value('amount')).toFixed(2),
              agreementType: value('agreementType'),
            },
          }
        : to === 'registered'
          ? { registration: { date: value('date'), localCompanyUscc: value('localCompanyUscc').toUpperCase() } }
          : to === 'started'
            ? { start: { date: value('date') } }
            : to === 'operating'
              ? { operation: { date: value('date') } }
              : {};
    submit.disabled = true;
    api('POST', `/projects/${project.id}/stage`, {
      body: {
        to,
        expectedVersion: project.version,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
        ...gate,
      },
    })
      .then(() => {
        dialog.close();
        toast(`已推进至${LABELS.stages[to]}`);
        return reload();
      })
      .catch((error: unknown) => {
        const stale = error instanceof ApiError && error.status === 409;
        status.textContent = stale ? `${messageOf(error)}（项目已被他人修改，已刷新，请重新操作）` : messageOf(error);
        status.className = 'notice notice-error';
        submit.disabled = false;
        if (stale) void reload().then(() => dialog.close());
      });
  });
}

function candidatesOf(error: unknown): (Investor & { openLead: OpenLeadRef | null })[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const details = error.details as { candidates?: (Investor & { openLead: OpenLeadRef | null })[] } | undefined;
  return details?.candidates ?? [];
}

/**
 * Creates records with an Idempotency-Key: a resend of the same form (flaky network, double tap) reuses the
 * key, so the server answers with the record it already made instead of making a second one.
 */
function idempotentSender(): { post: <T>(path: string, body: unknown) => Promise<T> } {
  let pending: { key: string; body: string } | null = null;
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      const text = JSON.stringify(body);
      if (!pending || pending.body !== text) pending = { key: newKey(), body: text };
      const key = pending.key;
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await api<T>('POST', path, { body, headers: { 'idempotency-key': key } });
          pending = null;
          return result;
        } catch (error) {
          if (!(error instanceof TypeError) || attempt >= NETWORK_RETRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, 800 * (attempt + 1)));
        }
      }
    },
  };
}

/** crypto.randomUUID exists only on https or localhost; the intranet may serve plain http. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
