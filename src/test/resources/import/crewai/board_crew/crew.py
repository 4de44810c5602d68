from crewai import Crew, Process
def crew(self):
    return Crew(agents=self.agents, tasks=self.tasks, process=Process.hierarchical, manager_llm="openai/gpt-4o")
