import { Collapse, Empty, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../api/plan';
import { TargetTable } from './TargetTable';
import styles from './PlanPage.module.css';

function taskAnchorId(task: Task): string {
  return `task-${task.number}`;
}

function TaskBody({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <div className={styles.taskBody}>
      {task.summary && <Typography.Paragraph>{task.summary}</Typography.Paragraph>}
      {task.targets.length > 0 ? (
        <TargetTable
          targets={task.targets}
          label={`${task.number}. ${task.title} — ${t('plan.targetCount', { count: task.targets.length })}`}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.noTargets')} />
      )}
      {task.qualitativeGoals && task.qualitativeGoals.length > 0 && (
        <section className={styles.qualitativeGoals}>
          <h4>{t('plan.qualitativeGoals')}</h4>
          <ul>
            {task.qualitativeGoals.map((goal) => (
              <li key={goal}>{goal}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function TaskHeader({ task }: { task: Task }) {
  return (
    <span id={taskAnchorId(task)} className={styles.taskHeader}>
      <span className={styles.taskNumber}>{task.number}</span>
      <span className={styles.taskTitle}>{task.title}</span>
    </span>
  );
}

interface TaskListProps {
  tasks: readonly Task[];
  /** Task number to open (and scroll to) first, from a deep link. */
  initialTask: number | null;
}

/** The domain's tasks, numbered as in the plan, each opening onto its targets. */
export function TaskList({ tasks, initialTask }: TaskListProps) {
  const { t } = useTranslation();
  const [openKeys, setOpenKeys] = useState<string[]>(
    initialTask === null ? [] : [String(initialTask)],
  );

  useEffect(() => {
    if (initialTask === null) return;
    document
      .getElementById(`task-${initialTask}`)
      ?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [initialTask]);

  return (
    <Collapse
      className={styles.taskList}
      activeKey={openKeys}
      onChange={(keys) => setOpenKeys(Array.isArray(keys) ? keys : [keys])}
      items={tasks.map((task) => ({
        key: String(task.number),
        label: <TaskHeader task={task} />,
        extra: (
          <Tag variant="filled" className={styles.taskCount}>
            {task.targets.length > 0
              ? t('plan.targetCount', { count: task.targets.length })
              : t('plan.noTargetsShort')}
          </Tag>
        ),
        children: <TaskBody task={task} />,
      }))}
    />
  );
}
