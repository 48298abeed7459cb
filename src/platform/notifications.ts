import { Construct } from 'constructs';
import { platformRegistry } from './platform-checks';
import { check, fail } from '../checks/errors';
import { goYamlText } from '../output/go-yaml';
import { addSuppression } from '../rules/engine';
import { ArgoCdSettings } from '../settings/argocd-settings';

/** The triggers of the Argo CD notifications catalog (`notifications_catalog/install.yaml`). */
const BUILT_IN_TRIGGERS = [
  'on-created', 'on-deleted', 'on-deployed', 'on-health-degraded', 'on-sync-failed', 'on-sync-running',
  'on-sync-status-unknown', 'on-sync-succeeded',
];

const NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?$/;
const SECRET_LIKE = /(token|password|secret|apikey|api-key|key)$/i;

/**
 * A notification service (`service.<type>[.<name>]` in `argocd-notifications-cm`). Secret values are
 * references to keys of `argocd-notifications-secret` (`$slack-token`), never the secret itself.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/services/overview/
 */
export class NotificationService {
  /**
   * Slack: `service.slack`, token from `argocd-notifications-secret`.
   * @param tokenSecretKey key of the bot token in argocd-notifications-secret, e.g. `slack-token`
   */
  public static slack(tokenSecretKey: string): NotificationService {
    return NotificationService.custom('slack', { token: `$${tokenSecretKey}` });
  }

  /**
   * A webhook: `service.webhook.<name>`; subscriptions name it `<name>`.
   * @param name e.g. `github`
   * @param url the endpoint
   * @param headers header name -> value; secret values as `$key` of argocd-notifications-secret
   */
  public static webhook(name: string, url: string, headers?: { [key: string]: string }): NotificationService {
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
      fail(undefined, { rule: 'NOTIF-001', problem: 'a webhook needs an http(s) URL', value: url, fix: "pass e.g. 'https://hooks.example.com/argo'" });
    }
    const config: { [key: string]: any } = { url };
    if (headers && Object.keys(headers).length) {
      config.headers = Object.keys(headers).sort().map(h => ({ name: h, value: headers[h] }));
    }
    return new NotificationService('webhook', name, config);
  }

  /**
   * Any service type Argo CD notifications supports (email, teams, opsgenie, pagerdutyv2, telegram, ...).
   * @param type e.g. `email`
   * @param config the service's settings; values of secret-like keys (token, password, apiKey...) must be `$key` references
   * @param name optional instance name: `service.<type>.<name>`, subscriptions then use `<name>`
   */
  public static custom(type: string, config: { [key: string]: any }, name?: string): NotificationService {
    return new NotificationService(type, name, config);
  }

  /** Service type, e.g. `slack`. */
  public readonly type: string;
  /** The name subscriptions use: the instance name, or the type. */
  public readonly name: string;
  /** The `argocd-notifications-cm` key. */
  public readonly key: string;
  /** @internal */
  public readonly _config: { [key: string]: any };

  private constructor(type: string, name: string | undefined, config: { [key: string]: any }) {
    if (typeof type !== 'string' || !NAME.test(type) || (name !== undefined && (typeof name !== 'string' || !NAME.test(name)))) {
      fail(undefined, { rule: 'NOTIF-002', problem: 'a notification service type and name are simple names', value: { type, name }, fix: "use e.g. type 'webhook', name 'github'" });
    }
    if (!config || typeof config !== 'object') {
      fail(undefined, { rule: 'NOTIF-003', problem: 'a notification service needs its settings', value: config, fix: "pass e.g. { token: '$slack-token' }" });
    }
    this.type = type;
    this.name = name ?? type;
    this.key = name === undefined ? `service.${type}` : `service.${type}.${name}`;
    this._config = JSON.parse(JSON.stringify(config));
  }

  /** Secret-like values that are not `$references` (paths like `headers[0].value`). @internal */
  public _plaintextSecrets(): string[] {
    const out: string[] = [];
    const walk = (v: any, path: string, key: string) => {
      if (typeof v === 'string') {
        if ((SECRET_LIKE.test(key) || /^authorization$/i.test(key)) && !/^\$[-._a-zA-Z0-9]+$/.test(v) && !/\$[-._a-zA-Z0-9]+/.test(v)) out.push(path);
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${path}[${i}]`, key));
      } else if (v && typeof v === 'object') {
        // a header {name, value}: the header name decides
        const k = typeof v.name === 'string' && 'value' in v ? v.name : key;
        for (const [kk, x] of Object.entries(v)) walk(x, path ? `${path}.${kk}` : kk, kk === 'value' ? k : kk);
      }
    };
    walk(this._config, '', '');
    return out;
  }
}

/** One condition of a trigger. */
export interface TriggerCondition {
  /** An expr expression on `app`, e.g. `app.status.operationState.phase in ['Error', 'Failed']`. */
  readonly when: string;
  /** Templates to send (declared with `addTemplate`, or catalog templates when `catalog` is on). */
  readonly send: string[];
  /**
   * Send once per value of this field, e.g. `app.status.sync.revision`.
   * @default - every time the condition holds
   */
  readonly oncePer?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
}

/** Options for `Notifications`. */
export interface NotificationsProps {
  /** The settings of the Argo CD instance (its target decides where services, templates and triggers go). */
  readonly settings: ArgoCdSettings;
  /**
   * The Argo CD notifications catalog (its triggers `on-deployed`, `on-sync-failed`... and their templates) is
   * installed on the instance by other means: the upstream `notifications_catalog/install.yaml`, or the operator's
   * default NotificationsConfiguration. Its triggers then count as declared for subscriptions.
   * This construct does not emit the catalog.
   * @default false
   */
  readonly catalog?: boolean;
  /**
   * Services to declare. Same as `addService()`.
   * @default - none
   */
  readonly services?: NotificationService[];
  /**
   * Services configured outside this app (by name), accepted by the subscription checks.
   * @default - none
   */
  readonly externalServices?: string[];
  /**
   * Triggers configured outside this app, accepted by the subscription checks.
   * @default - none
   */
  readonly externalTriggers?: string[];
  /**
   * Accept plaintext values in secret-like service settings (they end up in git).
   * @default false
   */
  readonly allowPlaintextCredentials?: boolean;
}

/**
 * Argo CD notifications: services, templates and triggers of `argocd-notifications-cm`, written through the
 * `ArgoCdSettings` install target (ConfigMap, or `notifications.notifiers/templates/triggers` chart values; the
 * operator's `ArgoCD` resource only carries `spec.notifications.enabled`, so services, templates and triggers fail
 * there: declare them with `externalServices` / `externalTriggers` / `catalog`).
 *
 * Once an app has a Notifications, every `notifications.argoproj.io/subscribe.<trigger>.<service>` annotation on
 * an Application, ApplicationSet template or AppProject must name a declared trigger (the catalog's count only
 * with `catalog: true`) and a declared service; anything else fails at synth.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/
 */
export class Notifications extends Construct {
  /** The triggers of the Argo CD notifications catalog (ARGOCD-NOTES: `docs/operator-manual/notifications/catalog.md`). */
  public static readonly CATALOG_TRIGGERS: string[] = [...BUILT_IN_TRIGGERS];

  /** The settings these notifications are written to. */
  public readonly settings: ArgoCdSettings;
  private readonly _triggers = new Set<string>();
  private readonly _templates = new Set<string>();
  private readonly _services = new Set<string>();
  private readonly catalog: boolean;
  private readonly sends: Array<{ trigger: string; template: string }> = [];

  public constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    if (!props || !ArgoCdSettings.isArgoCdSettings(props.settings)) {
      fail(this, { rule: 'NOTIF-004', problem: 'Notifications needs the ArgoCdSettings of its Argo CD instance', value: props?.settings, fix: 'pass settings: the ArgoCdSettings construct' });
    }
    this.settings = props.settings;
    this.catalog = props.catalog === true;
    if (props.allowPlaintextCredentials === true) addSuppression(this, 'NOTIF-005', 'allowPlaintextCredentials: true');
    props.settings._enableNotifications();
    for (const s of props.externalServices ?? []) this._services.add(s);
    for (const t of props.externalTriggers ?? []) this._triggers.add(t);
    for (const s of props.services ?? []) this.addService(s);
    platformRegistry(this).notifications.push({
      construct: this,
      triggers: () => [...this._triggers, ...(this.catalog ? BUILT_IN_TRIGGERS : [])],
      services: () => [...this._services],
    });
    this.node.addValidation({ validate: () => this.validateSends() });
  }

  /** Declares a service. */
  public addService(service: NotificationService): void {
    const plain = service._plaintextSecrets();
    if (plain.length) {
      check(this, {
        rule: 'NOTIF-005',
        problem: `notification service ${service.key} has plaintext secret values (${plain.join(', ')}): they would be committed to git`,
        value: plain,
        fix: 'put the secret in argocd-notifications-secret (e.g. with an ExternalSecret) and reference it as "$key"; or set allowPlaintextCredentials: true',
      });
    }
    this.settings._putNotifications(this, service.key, goYamlText(sortDeep(service._config)));
    this._services.add(service.name);
  }

  /**
   * Declares a template: `template.<name>`.
   * @param name e.g. `app-sync-failed`
   * @param body the template: `message` plus per-service sections (`slack`, `email`, `webhook`...)
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/templates/
   */
  public addTemplate(name: string, body: { [key: string]: any }): void {
    if (typeof name !== 'string' || !NAME.test(name)) fail(this, { rule: 'NOTIF-006', problem: 'a template name is a simple name', value: name, fix: "use e.g. 'app-sync-failed'" });
    if (!body || typeof body !== 'object' || Object.keys(body).length === 0) {
      fail(this, { rule: 'NOTIF-007', problem: `template ${name} is empty`, value: body, fix: "pass e.g. { message: 'Application {{.app.metadata.name}} failed' }" });
    }
    this.settings._putNotifications(this, `template.${name}`, goYamlText(sortDeep(body)));
    this._templates.add(name);
  }

  /**
   * Declares a trigger: `trigger.<name>`.
   * @param name e.g. `on-sync-failed` (may reuse a catalog name to override it)
   * @param conditions when to send which templates
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/triggers/
   */
  public addTrigger(name: string, ...conditions: TriggerCondition[]): void {
    if (typeof name !== 'string' || !NAME.test(name)) fail(this, { rule: 'NOTIF-008', problem: 'a trigger name is a simple name', value: name, fix: "use e.g. 'on-sync-failed'" });
    if (conditions.length === 0) fail(this, { rule: 'NOTIF-009', problem: `trigger ${name} has no condition`, value: conditions, fix: "pass { when: \"app.status.health.status == 'Degraded'\", send: ['app-degraded'] }" });
    for (const c of conditions) {
      if (!c || typeof c.when !== 'string' || c.when.trim() === '' || !Array.isArray(c.send) || c.send.length === 0) {
        fail(this, { rule: 'NOTIF-010', problem: `trigger ${name} needs a when expression and at least one template to send`, value: c, fix: "write { when: \"app.status.health.status == 'Degraded'\", send: ['app-degraded'] }" });
      }
      for (const t of c.send) this.sends.push({ trigger: name, template: t });
    }
    const rendered = conditions.map(c => ({ description: c.description, oncePer: c.oncePer, send: [...c.send], when: c.when }))
      .map(c => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)));
    this.settings._putNotifications(this, `trigger.${name}`, goYamlText(rendered));
    this._triggers.add(name);
  }

  /** Declared trigger names (the catalog's included when `catalog` is on), sorted. */
  public get triggers(): string[] {
    return [...new Set([...this._triggers, ...(this.catalog ? BUILT_IN_TRIGGERS : [])])].sort();
  }

  /** Declared service names (what subscriptions use), sorted. */
  public get services(): string[] {
    return [...this._services].sort();
  }

  private validateSends(): string[] {
    return this.sends.filter(s => !this._templates.has(s.template) && !this.catalog).map(s =>
      `trigger ${JSON.stringify(s.trigger)} sends template ${JSON.stringify(s.template)}, which is not declared (got templates ${JSON.stringify([...this._templates].sort())}). `
      + `Fix: add it with addTemplate('${s.template}', { message: ... }), or set catalog: true if it is a catalog template [NOTIF-013]`);
  }
}

function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: any = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}
