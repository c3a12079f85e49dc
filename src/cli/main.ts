import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.ts';
import { type AppContext, forReads } from '../context.ts';
import { DomainError, ImportRefusedError, type Problem, ValidationError } from '../lib/errors.ts';
import { isRole, ROLES, systemActor } from '../modules/auth/auth.policy.ts';
import { IMPORT_KIND_NAMES } from '../modules/imports/kind-names.ts';

// Each command loads what it needs when it runs (`await import`): `tuanwu --help` or a mistyped command should
// not load the server, the spreadsheet and document libraries and every module first (issue 14).

const USAGE = `用法: tuanwu <命令>

  migrate                              创建或升级数据库结构
  serve [--seed-demo]                  启动服务（--seed-demo：空库时载入演示数据）
  import <类型> <文件> [--dry-run] [--map <对应关系.json|名称>]
                                       导入表格（.xlsx/.xls/.csv）；类型：${IMPORT_KIND_NAMES.join(', ')}
                                       --map：文件表头到模板列名的对应关系（JSON 文件，
                                       如 {"公民身份号码": "证件号码"}），或在导入页面保存的对应关系名称
  report --org <组织编码> --from <日期> --to <日期> [--format json|md|docx] [--out 文件]
                                       青春答卷指标与文稿
  user add --org <组织编码> --role <角色> --username <用户名> --password <密码> [--name <姓名>]
  user passwd <用户名>                 设置新密码（从标准输入读取，或在终端提示输入），结束其全部会话
  user disable|enable <用户名>          停用（立即结束其会话）或启用账号
  backup <文件>                         备份嵌入式数据库（SQLite）
  restore <文件>                        从备份恢复嵌入式数据库（请先停止服务）

任一命令可加 --db <数据库地址>（sqlite:<路径> 或 postgres://…），优先于 TUANWU_DB
环境变量：TUANWU_DB, TUANWU_DATA_DIR, TUANWU_SECRET, PORT`;

function printProblems(title: string, problems: Problem[]): void {
  if (problems.length === 0) return;
  console.log(`${title}（${problems.length}）:`);
  for (const p of problems) {
    const where = [p.row != null ? `第${p.row}行` : null, p.column ? `「${p.column}」` : null]
      .filter(Boolean)
      .join(' ');
    const value = p.value != null ? ` 值“${p.value}”` : '';
    console.log(`  ${where}${value}：${p.reason}`);
  }
}

/** The configuration of this invocation: the environment, with `--db` over TUANWU_DB. Read when first needed. */
type Settings = () => Config;

async function withContext(settings: Settings, run: (ctx: AppContext) => Promise<number>): Promise<number> {
  const { closeContext, openContext } = await import('../bootstrap.ts');
  const ctx = await openContext(settings());
  try {
    return await run(ctx);
  } finally {
    await closeContext(ctx);
  }
}

async function importCommand(args: string[], settings: Settings): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, map: { type: 'string' } },
  });
  const [kind, file] = positionals;
  if (!kind || !file) {
    console.error('用法: tuanwu import <类型> <文件> [--dry-run] [--map <对应关系.json|名称>]');
    return 2;
  }
  const { importFile } = await import('../modules/imports/imports.service.ts');
  const { readMappingFile } = await import('../modules/imports/mapping-file.ts');
  const { findImportMappingByName } = await import('../modules/imports/import-mappings.service.ts');
  // A file when it names one (or ends in .json), else the name of a mapping saved in the admin.
  const mappingOf = async (ctx: Parameters<typeof findImportMappingByName>[0], kind: string, map: string) =>
    /\.json$/i.test(map) || existsSync(map)
      ? readMappingFile(map)
      : (await findImportMappingByName(ctx, systemActor(), kind, map)).mapping;
  const { terminalProgress } = await import('./progress-line.ts');
  return withContext(settings, async (ctx) => {
    // A line rewritten in place on a terminal; nothing extra when the output is piped.
    const progress = terminalProgress(process.stdout);
    try {
      const mapping = values.map == null ? undefined : await mappingOf(ctx, kind, values.map);
      const name = file.split('/').pop()!;
      const result = await importFile(
        ctx,
        systemActor(),
        kind,
        { path: file, name },
        { dryRun: values['dry-run'] ?? false, mapping, progress: progress.sink },
      ).finally(progress.done);
      const mode = result.dryRun ? '校验通过（未写入）' : '导入完成';
      console.log(
        `${mode}：${kind} ${name}，共 ${result.rows} 行；新增 ${result.inserted}，更新 ${result.updated}，未变化 ${result.unchanged}`,
      );
      printProblems('警告', result.warnings);
      return 0;
    } catch (error) {
      if (error instanceof ImportRefusedError) {
        console.log(`${error.message}，文件 ${file} 未写入任何数据`);
        printProblems('错误', error.details.errors);
        printProblems('警告', error.details.warnings);
        return 1;
      }
      throw error;
    }
  });
}

async function reportCommand(args: string[], settings: Settings): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
    },
  });
  if (!values.org || !values.from || !values.to) {
    console.error(
      '用法: tuanwu report --org <组织编码> --from <日期> --to <日期> [--format json|md|docx] [--out 文件]',
    );
    return 2;
  }
  const { REPORT_FORMATS, renderReport } = await import('../modules/reports/report-formats.ts');
  const format = values.format as (typeof REPORT_FORMATS)[number];
  if (!REPORT_FORMATS.includes(format)) {
    console.error(`不支持的格式 ${values.format}；可选：${REPORT_FORMATS.join(', ')}`);
    return 2;
  }
  return withContext(settings, async (ctx) => {
    const rendered = await renderReport(
      await forReads(ctx),
      systemActor(),
      { org: values.org!, from: values.from!, to: values.to! },
      format,
    );
    if (values.out) {
      await writeFile(values.out, rendered.content);
      console.error(`已写入 ${values.out}`);
    } else if (typeof rendered.content === 'string') process.stdout.write(rendered.content);
    else {
      console.error('docx 格式请用 --out 指定输出文件');
      return 2;
    }
    return 0;
  });
}

type Input = NodeJS.ReadableStream & { isTTY?: boolean };

/** A password from the terminal (typed twice, not echoed) or the first line of piped input; never from argv. */
async function readNewPassword(stdin: Input): Promise<string> {
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: stdin, output: process.stdout, terminal: true });
      const mute = rl as unknown as { _writeToOutput: (s: string) => void };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
      mute._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stdout.write(prompt);
      };
    });
  const first = await ask('新密码：');
  const second = await ask('再输入一次：');
  if (first !== second) throw new ValidationError('两次输入的密码不一致');
  return first;
}

async function accountCommand(
  action: string,
  username: string | undefined,
  settings: Settings,
  stdin: Input,
): Promise<number> {
  if (!username) {
    console.error('用法: tuanwu user passwd|disable|enable <用户名>');
    return 2;
  }
  const password = action === 'passwd' ? await readNewPassword(stdin) : '';
  const { resetPassword, setAccountEnabled, userIdByUsername } = await import(
    '../modules/users/accounts.service.ts'
  );
  return withContext(settings, async (ctx) => {
    const id = await userIdByUsername(ctx, username);
    if (action === 'passwd') {
      // The operator at the console sets it knowingly (a locked-out admin): no forced change afterwards.
      await resetPassword(ctx, systemActor(), id, { newPassword: password }, { forceChange: false });
      console.log(`已重置 ${username} 的密码，其全部会话已结束`);
    } else {
      await setAccountEnabled(ctx, systemActor(), id, action === 'enable');
      console.log(action === 'enable' ? `已启用 ${username}` : `已停用 ${username}，其全部会话已结束`);
    }
    return 0;
  });
}

async function userCommand(args: string[], settings: Settings, stdin: Input): Promise<number> {
  if (['passwd', 'disable', 'enable'].includes(args[0] ?? ''))
    return accountCommand(args[0]!, args[1], settings, stdin);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (positionals[0] !== 'add' || !values.org || !values.role || !values.username || !values.password) {
    console.error(
      '用法: tuanwu user add --org <组织编码> --role <角色> --username <用户名> --password <密码>',
    );
    return 2;
  }
  const roles = values.role.flatMap((r) => r.split(','));
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    console.error(`未知角色：${unknown.join(', ')}；可选：${ROLES.join(', ')}`);
    return 2;
  }
  const { createUser } = await import('../modules/users/users.service.ts');
  return withContext(settings, async (ctx) => {
    await createUser(ctx, systemActor(), {
      username: values.username!,
      password: values.password!,
      displayName: values.name ?? values.username!,
      orgCode: values.org!,
      roles,
    });
    console.log(`已创建用户 ${values.username}（${roles.join(', ')}）`);
    return 0;
  });
}

function sqlitePath(settings: Settings): string | null {
  const { databaseUrl } = settings();
  return databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : null;
}

async function backupCommand(file: string | undefined, settings: Settings): Promise<number> {
  if (!file) return usage();
  if (!sqlitePath(settings)) {
    console.error('PostgreSQL 数据库请使用 pg_dump 备份（例如 pg_dump -Fc "$TUANWU_DB" > tuanwu.dump）');
    return 1;
  }
  const { backupSqlite } = await import('../db/backup.ts');
  return withContext(settings, async (ctx) => {
    await backupSqlite(ctx.db, file);
    console.log(`已备份到 ${file}`);
    console.log(`备份不含密钥：请把 ${keyLocation(ctx.config)} 另行妥善保存，恢复时需要它`);
    return 0;
  });
}

async function restoreCommand(file: string | undefined, settings: Settings): Promise<number> {
  if (!file) return usage();
  const target = sqlitePath(settings);
  if (!target) {
    console.error('PostgreSQL 数据库请使用 pg_restore 恢复');
    return 1;
  }
  const { restoreSqlite } = await import('../db/backup.ts');
  restoreSqlite(file, target, settings());
  console.log(`已从 ${file} 恢复数据库 ${target}`);
  return 0;
}

function keyLocation(config: Config): string {
  return config.secretSource?.kind === 'file'
    ? `密钥文件 ${config.secretSource.path}`
    : '环境变量 TUANWU_SECRET 的值';
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** `--db <URL>` or `--db=<URL>`, anywhere on the line, names the database of this command (IMPORT-SPEC.md). */
function takeDbOption(argv: string[]): { args: string[]; db?: string } {
  const args: string[] = [];
  let db: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db') db = argv[++i] ?? '';
    else if (arg.startsWith('--db=')) db = arg.slice('--db='.length);
    else args.push(arg);
  }
  return { args, db };
}

export async function main(argv: string[], stdin: Input = process.stdin): Promise<number> {
  const { args, db } = takeDbOption(argv);
  if (db === '') {
    console.error('--db 需要数据库地址，例如 --db sqlite:./data/tuanwu.db 或 --db postgres://…');
    return 2;
  }
  const settings: Settings = () => loadConfig(db ? { ...process.env, TUANWU_DB: db } : process.env);
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'migrate': {
        const { openContext } = await import('../bootstrap.ts');
        const ctx = await openContext(settings(), (applied) =>
          console.log(applied.length > 0 ? `已执行 ${applied.length} 个数据库迁移` : '数据库结构已是最新'),
        );
        await ctx.db.destroy();
        return 0;
      }
      case 'serve': {
        const [{ openContext }, { serve }] = await Promise.all([
          import('../bootstrap.ts'),
          import('../server/main.ts'),
        ]);
        const config = settings();
        // The demo's reminders go to files in the data folder when no channel is configured (README).
        if (rest.includes('--seed-demo') && !config.notify)
          config.notify = { fileDir: path.join(config.dataDir, 'notifications') };
        const ctx = await openContext(config);
        if (rest.includes('--seed-demo')) {
          const { seedDemoIfEmpty } = await import('../demo/seed.ts');
          await seedDemoIfEmpty(ctx, (line) => console.log(line));
        }
        await serve(ctx);
        return 0;
      }
      case 'import':
        return await importCommand(rest, settings);
      case 'report':
        return await reportCommand(rest, settings);
      case 'user':
        return await userCommand(rest, settings, stdin);
      case 'backup':
        return await backupCommand(rest[0], settings);
      case 'restore':
        return await restoreCommand(rest[0], settings);
      default:
        return usage();
    }
  } catch (error) {
    const known =
      error instanceof DomainError ? error : (await import('../db/faults.ts')).databaseFault(error);
    if (known) {
      console.error(`错误：${known.message}`);
      return 1;
    }
    throw error;
  }
}
