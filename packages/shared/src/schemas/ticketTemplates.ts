import type { CreateTicketTypeInput } from './ticketTypes.js';
import type { WorkflowDefinitionInput } from './workflows.js';

/**
 * Ready-made ticket types: the demo shop gets all five, and the console offers them as starting points when an
 * admin creates a type. Keys are stable English names; labels are zh-CN, as a Chinese shop would write them.
 */

/** 新建 → 处理中 ⇄ 待客户回复 → 已解决 → 已关闭; an invalid ticket may be closed at once. */
export function simpleWorkflow(): WorkflowDefinitionInput {
  return {
    states: [
      { key: 'new', name: '新建', category: 'new', initial: true },
      { key: 'open', name: '处理中', category: 'open' },
      { key: 'waiting', name: '待客户回复', category: 'pending' },
      { key: 'resolved', name: '已解决', category: 'resolved' },
      { key: 'closed', name: '已关闭', category: 'closed' },
    ],
    transitions: [
      { key: 'start', name: '开始处理', from: 'new', to: 'open' },
      { key: 'close_invalid', name: '关闭（无效）', from: 'new', to: 'closed' },
      { key: 'wait', name: '等待客户', from: 'open', to: 'waiting' },
      { key: 'resume', name: '客户已回复', from: 'waiting', to: 'open' },
      { key: 'resolve', name: '解决', from: 'open', to: 'resolved' },
      { key: 'resolve_waiting', name: '解决', from: 'waiting', to: 'resolved' },
      { key: 'reopen', name: '重新打开', from: 'resolved', to: 'open' },
      { key: 'close', name: '关闭', from: 'resolved', to: 'closed' },
    ],
  };
}

/**
 * The complaint loop (投诉闭环): 待受理 → 处理中 → 待审批 → 待客户确认 → 执行中 → 待回访 → 已关闭. A supervisor
 * approves the proposed resolution (two different approvers above ¥500 of compensation); a rejection, the
 * customer's refusal or an unhappy follow-up sends it back to 处理中.
 */
export function complaintWorkflow(): WorkflowDefinitionInput {
  return {
    closedLoop: true,
    secondApprovalAbove: 500,
    states: [
      { key: 'received', name: '待受理', category: 'new', initial: true },
      { key: 'processing', name: '处理中', category: 'open' },
      { key: 'awaiting_approval', name: '待审批', category: 'open', requires: ['resolutionPending'] },
      { key: 'awaiting_customer', name: '待客户确认', category: 'pending', requires: ['resolutionApproved'] },
      { key: 'executing', name: '执行中', category: 'open', requires: ['resolutionApproved', 'customerAccepted'] },
      {
        key: 'awaiting_follow_up',
        name: '待回访',
        category: 'resolved',
        requires: ['resolutionApproved', 'customerAccepted', 'tasksDone'],
      },
      {
        key: 'closed',
        name: '已关闭',
        category: 'closed',
        requires: ['resolutionApproved', 'customerAccepted', 'tasksDone', 'followUpSatisfied'],
      },
    ],
    transitions: [
      { key: 'accept', name: '受理', from: 'received', to: 'processing' },
      {
        key: 'submit_for_approval',
        name: '提交审批',
        from: 'processing',
        to: 'awaiting_approval',
        trigger: 'resolution.proposed',
        requiredFields: ['reason', 'product'],
      },
      {
        key: 'approved',
        name: '审批通过',
        from: 'awaiting_approval',
        to: 'awaiting_customer',
        trigger: 'resolution.approved',
      },
      {
        key: 'rejected',
        name: '审批驳回',
        from: 'awaiting_approval',
        to: 'processing',
        trigger: 'resolution.rejected',
      },
      {
        key: 'customer_accepted',
        name: '客户确认',
        from: 'awaiting_customer',
        to: 'executing',
        trigger: 'customer.accepted',
      },
      {
        key: 'customer_rejected',
        name: '客户不同意',
        from: 'awaiting_customer',
        to: 'processing',
        trigger: 'customer.rejected',
      },
      { key: 'tasks_done', name: '协办完成', from: 'executing', to: 'awaiting_follow_up', trigger: 'tasks.done' },
      {
        key: 'execution_finished',
        name: '执行完毕',
        from: 'executing',
        to: 'awaiting_follow_up',
        requires: ['tasksDone'],
      },
      {
        key: 'follow_up_satisfied',
        name: '回访满意',
        from: 'awaiting_follow_up',
        to: 'closed',
        trigger: 'followUp.satisfied',
      },
      {
        key: 'follow_up_unsatisfied',
        name: '回访不满意',
        from: 'awaiting_follow_up',
        to: 'processing',
        trigger: 'followUp.unsatisfied',
      },
    ],
  };
}

/** The complaint register (投诉登记表); the recorder is the user who creates the ticket. */
export function complaintType(): CreateTicketTypeInput {
  return {
    name: '投诉',
    description: '客户投诉：登记、审批处理方案、客户确认、协办执行、回访后关闭',
    widgetEnabled: true,
    defaultPriority: 'high',
    fields: [
      { key: 'company', label: '单位', kind: 'text', maxLength: 100, inWidget: true },
      { key: 'address', label: '地址', kind: 'text', maxLength: 200, personal: true, inWidget: true },
      { key: 'phone', label: '联系电话', kind: 'phone', required: true, inWidget: true },
      {
        key: 'reason',
        label: '投诉原因',
        kind: 'text',
        multiline: true,
        required: true,
        maxLength: 2000,
        inWidget: true,
      },
      { key: 'product', label: '产品', kind: 'text', maxLength: 100, inWidget: true },
      { key: 'batch', label: '批次', kind: 'text', maxLength: 50, inWidget: true },
      { key: 'incident_at', label: '发生时间', kind: 'datetime', notInFuture: true, inWidget: true },
    ],
    workflow: complaintWorkflow(),
  };
}

export function defaultTicketTypes(): CreateTicketTypeInput[] {
  return [
    {
      name: '咨询',
      description: '商品、订单、物流与售后政策的咨询',
      widgetEnabled: true,
      fields: [
        {
          key: 'topic',
          label: '咨询类别',
          kind: 'select',
          required: true,
          inWidget: true,
          options: [
            { value: 'product', label: '商品' },
            { value: 'order', label: '订单' },
            { value: 'delivery', label: '物流' },
            { value: 'policy', label: '售后政策' },
            { value: 'other', label: '其他' },
          ],
        },
      ],
      workflow: simpleWorkflow(),
    },
    complaintType(),
    {
      name: '建议',
      description: '对产品与服务的意见和建议',
      widgetEnabled: true,
      defaultPriority: 'low',
      fields: [
        {
          key: 'area',
          label: '建议方向',
          kind: 'select',
          inWidget: true,
          options: [
            { value: 'product', label: '产品' },
            { value: 'service', label: '服务' },
            { value: 'app', label: '网站与 App' },
            { value: 'delivery', label: '物流' },
            { value: 'other', label: '其他' },
          ],
        },
      ],
      workflow: simpleWorkflow(),
    },
    {
      name: '退换货',
      description: '退货、换货与补发',
      widgetEnabled: true,
      fields: [
        {
          key: 'request',
          label: '申请类型',
          kind: 'select',
          required: true,
          inWidget: true,
          options: [
            { value: 'return', label: '退货' },
            { value: 'exchange', label: '换货' },
            { value: 'reship', label: '补发' },
          ],
        },
        {
          key: 'reason',
          label: '原因',
          kind: 'cascade',
          required: true,
          inWidget: true,
          cascadeOptions: [
            { value: 'quality', label: '质量问题', parent: null },
            { value: 'damaged', label: '破损', parent: 'quality' },
            { value: 'defective', label: '功能故障', parent: 'quality' },
            { value: 'wrong_item', label: '发错货', parent: null },
            { value: 'changed_mind', label: '不想要了', parent: null },
          ],
        },
        { key: 'received_on', label: '收货日期', kind: 'date', notInFuture: true, inWidget: true },
        { key: 'photos', label: '照片', kind: 'attachment', maxFiles: 5, inWidget: true },
      ],
      workflow: simpleWorkflow(),
    },
    {
      name: '技术故障',
      description: '账户登录、App 使用、支付等故障',
      widgetEnabled: true,
      fields: [
        {
          key: 'platform',
          label: '平台',
          kind: 'select',
          required: true,
          inWidget: true,
          options: [
            { value: 'ios', label: 'iOS App' },
            { value: 'android', label: 'Android App' },
            { value: 'web', label: '网站' },
            { value: 'mini_program', label: '小程序' },
          ],
        },
        { key: 'app_version', label: '版本号', kind: 'text', maxLength: 30, inWidget: true },
        { key: 'occurred_at', label: '发生时间', kind: 'datetime', notInFuture: true, inWidget: true },
        { key: 'screenshots', label: '截图', kind: 'attachment', maxFiles: 5, inWidget: true },
      ],
      workflow: simpleWorkflow(),
    },
  ];
}
